namespace Tessera.Payments.Nwc;

/// <summary><c>Tessera:Lightning:Nwc</c>: how to reach a NIP-47 wallet (Alby Hub or any Nostr Wallet Connect service).</summary>
public sealed class NwcOptions
{
    public const string Section = "Tessera:Lightning:Nwc";

    /// <summary>The wallet's <c>nostr+walletconnect://</c> connection string (a secret: keep it out of source control).</summary>
    public string? ConnectionUri { get; set; }

    /// <summary>How long a request waits for the relay's OK and the wallet's answer together.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>First wait before reconnecting to a relay; doubles per failure up to <see cref="ReconnectMaxDelay"/>.</summary>
    public TimeSpan ReconnectMinDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How far back the first subscription reaches, so a notification sent while the server was starting is not missed.</summary>
    public TimeSpan InitialLookback { get; set; } = TimeSpan.FromMinutes(5);
}
