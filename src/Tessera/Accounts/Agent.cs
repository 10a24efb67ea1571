namespace Tessera.Accounts;

/// <summary>
/// An anonymous agent: an account made from a client fingerprint (stored hashed). Its private key is an ordinary
/// API key of that account; its public key is the shareable promo code.
/// </summary>
public sealed class Agent
{
    public required string AccountId { get; init; }

    public required string FingerprintHash { get; init; }

    public required string PublicKey { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}
