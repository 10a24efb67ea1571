using Tessera.Common;

namespace Tessera.Accounts;

/// <summary>
/// What a key may do and for how long: its scopes (null = every scope its issuer holds), its request budget
/// (null = none, or its issuer's remaining budget) and its expiry (null = none, or its issuer's).
/// </summary>
public sealed record KeyTerms(IReadOnlySet<string>? Scopes, long? Budget = null, DateTimeOffset? ExpiresAt = null)
{
    public static readonly KeyTerms AsIssuer = new(Scopes: null);

    /// <summary>Terms as routes take them (<c>credit_limit</c> requests, <c>expires_days</c> from now), range-checked.</summary>
    public static Result<KeyTerms> From(IReadOnlySet<string>? scopes, long? creditLimit, int? expiresDays, DateTimeOffset now)
    {
        if (creditLimit is < 1 or > 1_000_000_000)
        {
            return Error.Validation("credit_limit must be between 1 and 1000000000.");
        }

        if (expiresDays is < 1 or > 3650)
        {
            return Error.Validation("expires_days must be between 1 and 3650.");
        }

        return new KeyTerms(scopes, creditLimit, expiresDays is { } days ? now.AddDays(days) : null);
    }
}

/// <summary>Who makes a key: the operator (or the server itself, for an agent's first key) or an existing key.</summary>
public sealed record KeyIssuer(string? KeyId)
{
    /// <summary>May grant any terms; only the operator API and the server's own flows use it.</summary>
    public static readonly KeyIssuer Operator = new((string?)null);

    public static KeyIssuer Key(string keyId) => new(keyId);
}
