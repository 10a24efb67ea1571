namespace Tessera.Payments.Nwc;

/// <summary>
/// A NIP-47 request that did not succeed. <see cref="Code"/> is the wallet's own code (<c>RATE_LIMITED</c>, <c>INTERNAL</c>,
/// <c>QUOTA_EXCEEDED</c> ...) or one of ours: <c>TIMEOUT</c> (no answer in time), <c>RELAY_REJECTED</c> (no relay took the
/// request), <c>BAD_RESPONSE</c> (the answer is not what NIP-47 describes).
/// </summary>
public sealed class NwcException(string code, string message) : Exception($"NWC {code}: {message}")
{
    public const string Timeout = "TIMEOUT";
    public const string RelayRejected = "RELAY_REJECTED";
    public const string BadResponse = "BAD_RESPONSE";

    public string Code { get; } = code;

    public string WalletMessage { get; } = message;
}
