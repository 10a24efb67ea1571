namespace Tessera.Accounts;

/// <summary>
/// An API key row. Only the SHA-256 of the key is stored (the key carries 256 random bits, so a slow hash adds
/// nothing); <see cref="Prefix"/> is the readable part kept for display. A sub-key has a parent, a scope subset,
/// a request budget and maybe an expiry.
/// </summary>
public sealed class ApiKey
{
    public required string Id { get; init; }

    public required string AccountId { get; init; }

    public string? ParentKeyId { get; init; }

    public string? Name { get; set; }

    public required string Prefix { get; init; }

    public required byte[] Hash { get; init; }

    /// <summary>Space-separated scopes; null means every scope the account has.</summary>
    public string? Scopes { get; init; }

    public string Status { get; set; } = KeyStatus.Active;

    /// <summary>Who deactivated the key (<see cref="KeyActor"/>); a key the operator deactivated only the operator reactivates.</summary>
    public string? DeactivatedBy { get; set; }

    /// <summary>Requests this key may make (sub-keys); null means no budget.</summary>
    public long? CreditLimit { get; init; }

    public long Used { get; set; }

    public DateTimeOffset? ExpiresAt { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}

public static class KeyStatus
{
    public const string Active = "active";
    public const string Deactivated = "deactivated";
    public const string Revoked = "revoked";
}

/// <summary>Who changes a key's status: the operator (operator API) or the account itself (a surface's key routes).</summary>
public static class KeyActor
{
    public const string Operator = "operator";
    public const string Account = "account";
}
