namespace Tessera.Client;

public sealed partial class TesseraAdminClient
{
    /// <summary><c>POST /admin/v1/accounts/{id}/keys</c>. The answer holds the secret key, shown this once.</summary>
    public Task<CreatedKey> CreateKeyAsync(string accountId, CreateKeyRequest? request = null, CancellationToken cancellationToken = default) =>
        SendAsync<CreatedKey>(HttpMethod.Post, $"admin/v1/accounts/{Segment(accountId)}/keys", request ?? new CreateKeyRequest(), cancellationToken);

    /// <summary><c>GET /admin/v1/accounts/{id}/keys</c>.</summary>
    public Task<KeyList> ListKeysAsync(string accountId, CancellationToken cancellationToken = default) =>
        SendAsync<KeyList>(HttpMethod.Get, $"admin/v1/accounts/{Segment(accountId)}/keys", null, cancellationToken);

    /// <summary><c>PATCH /admin/v1/keys/{keyId}</c>: the key if the server returns it.</summary>
    public Task<ApiKey?> RenameKeyAsync(string keyId, string name, CancellationToken cancellationToken = default) =>
        SendOptionalAsync<ApiKey>(HttpMethod.Patch, $"admin/v1/keys/{Segment(keyId)}", new RenameKeyRequest(name), cancellationToken);

    /// <summary><c>DELETE /admin/v1/keys/{keyId}</c>.</summary>
    public Task DeleteKeyAsync(string keyId, CancellationToken cancellationToken = default) =>
        SendOptionalAsync<ApiKey>(HttpMethod.Delete, $"admin/v1/keys/{Segment(keyId)}", null, cancellationToken);

    /// <summary><c>POST /admin/v1/keys/{keyId}/deactivate</c>: the key if the server returns it.</summary>
    public Task<ApiKey?> DeactivateKeyAsync(string keyId, CancellationToken cancellationToken = default) =>
        SendOptionalAsync<ApiKey>(HttpMethod.Post, $"admin/v1/keys/{Segment(keyId)}/deactivate", null, cancellationToken);

    /// <summary><c>POST /admin/v1/keys/{keyId}/reactivate</c>: the key if the server returns it.</summary>
    public Task<ApiKey?> ReactivateKeyAsync(string keyId, CancellationToken cancellationToken = default) =>
        SendOptionalAsync<ApiKey>(HttpMethod.Post, $"admin/v1/keys/{Segment(keyId)}/reactivate", null, cancellationToken);
}
