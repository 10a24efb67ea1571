using System.Text.Json.Serialization;
using Tessera.Accounts;

namespace Tessera.Admin;

public sealed record CreateAccountRequest(string? Name);

public sealed record AccountResponse(
    string Id,
    string Name,
    string Kind,
    string Status,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt)
{
    public static AccountResponse From(Account account) => new(account.Id, account.Name, account.Kind, account.Status, account.CreatedAt);
}

public sealed record AccountListResponse(IReadOnlyList<AccountResponse> Accounts, [property: JsonPropertyName("next_after")] string? NextAfter);

/// <summary>
/// An account key; <c>credit_limit</c> (requests) and <c>expires_days</c> bound it and every key it makes. <c>surface</c>
/// (engine, dojo, omp, bsap, ocean) gives the key the prefix that surface's docs show (<c>pe_sk_</c>, <c>pd_</c>), for an
/// account's first key handed to a user of that surface; without it the key is <c>tsk_</c>. Every prefix works everywhere.
/// </summary>
public sealed record CreateKeyRequest(
    string? Name,
    string[]? Scopes,
    [property: JsonPropertyName("credit_limit")] long? CreditLimit = null,
    [property: JsonPropertyName("expires_days")] int? ExpiresDays = null,
    string? Surface = null);

public sealed record RenameKeyRequest(string? Name);

public sealed record CreateSubKeyRequest(
    string? Label,
    [property: JsonPropertyName("credit_limit")] long? CreditLimit,
    string[]? Scopes,
    [property: JsonPropertyName("expires_days")] int? ExpiresDays);

/// <summary>A key as listed: never the key text or its hash.</summary>
public sealed record KeyResponse(
    string Id,
    [property: JsonPropertyName("account_id")] string AccountId,
    [property: JsonPropertyName("parent_key_id")] string? ParentKeyId,
    string Prefix,
    string? Name,
    IReadOnlyList<string>? Scopes,
    string Status,
    [property: JsonPropertyName("credit_limit")] long? CreditLimit,
    long Used,
    [property: JsonPropertyName("expires_at")] DateTimeOffset? ExpiresAt,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt)
{
    public static KeyResponse From(ApiKey key) => new(
        key.Id, key.AccountId, key.ParentKeyId, key.Prefix, key.Name,
        Accounts.Scopes.Deserialize(key.Scopes)?.Order(StringComparer.Ordinal).ToList(),
        key.Status, key.CreditLimit, key.Used, key.ExpiresAt, key.CreatedAt);
}

/// <summary>A key just created: the only response that ever carries <see cref="Key"/>.</summary>
public sealed record CreatedKeyResponse(
    string Id,
    string Key,
    string Prefix,
    string? Name,
    IReadOnlyList<string>? Scopes,
    [property: JsonPropertyName("credit_limit")] long? CreditLimit,
    [property: JsonPropertyName("expires_at")] DateTimeOffset? ExpiresAt)
{
    public static CreatedKeyResponse From(CreatedKey created) => new(
        created.Key.Id, created.Text, created.Key.Prefix, created.Key.Name,
        Accounts.Scopes.Deserialize(created.Key.Scopes)?.Order(StringComparer.Ordinal).ToList(),
        created.Key.CreditLimit, created.Key.ExpiresAt);
}

public sealed record KeyListResponse(IReadOnlyList<KeyResponse> Keys);
