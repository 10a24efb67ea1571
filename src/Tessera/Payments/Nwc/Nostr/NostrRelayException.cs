namespace Tessera.Payments.Nwc.Nostr;

/// <summary>A relay refused an event (<c>["OK", id, false, reason]</c>).</summary>
public sealed class NostrRelayException(string message) : Exception(message);
