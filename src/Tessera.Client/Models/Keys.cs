namespace Tessera.Client;

/// <summary>Body of <c>POST /admin/v1/accounts/{id}/keys</c>.</summary>
/// <param name="Surface">The surface the key is for: its prefix follows that surface's docs (engine → <c>pe_sk_</c>, dojo → <c>pd_</c>).</param>
public sealed record CreateKeyRequest(string? Name = null, IReadOnlyList<string>? Scopes = null, string? Surface = null);

/// <summary>A newly made key. <see cref="Key"/> is the secret; the server shows it this once.</summary>
public sealed record CreatedKey(string Id, string Key, string Prefix, string? Name, IReadOnlyList<string>? Scopes);

/// <summary>A key as listed: never the secret, only its prefix.</summary>
public sealed record ApiKey(string Id, string Prefix, string? Name, IReadOnlyList<string>? Scopes, string? Status, DateTimeOffset? CreatedAt);

/// <summary>Answer of <c>GET /admin/v1/accounts/{id}/keys</c>.</summary>
public sealed record KeyList(IReadOnlyList<ApiKey> Keys);

/// <summary>Body of <c>PATCH /admin/v1/keys/{keyId}</c>.</summary>
public sealed record RenameKeyRequest(string Name);
