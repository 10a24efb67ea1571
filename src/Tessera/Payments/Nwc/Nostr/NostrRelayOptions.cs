namespace Tessera.Payments.Nwc.Nostr;

/// <summary>How a relay connection retries: the first reconnect waits <see cref="ReconnectMinDelay"/>, each next one twice as long up to <see cref="ReconnectMaxDelay"/>.</summary>
public sealed record NostrRelayOptions(TimeSpan ReconnectMinDelay, TimeSpan ReconnectMaxDelay)
{
    /// <summary>Relay messages above this are dropped and the connection is reset (NWC messages are a few KB; 1 MiB is generous).</summary>
    public int MaxMessageBytes { get; init; } = 1 << 20;
}
