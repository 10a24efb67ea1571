namespace Tessera.Accounts;

/// <summary>Someone who holds keys and balances: a user made by the operator, or an anonymous agent made from a fingerprint.</summary>
public sealed class Account
{
    public required string Id { get; init; }

    public required string Name { get; set; }

    /// <summary><c>user</c> or <c>agent</c>.</summary>
    public required string Kind { get; init; }

    /// <summary><c>active</c> or <c>suspended</c>; a suspended account's keys get 403 everywhere.</summary>
    public string Status { get; set; } = AccountStatus.Active;

    public DateTimeOffset CreatedAt { get; init; }
}

public static class AccountKind
{
    public const string User = "user";
    public const string Agent = "agent";
}

public static class AccountStatus
{
    public const string Active = "active";
    public const string Suspended = "suspended";
}
