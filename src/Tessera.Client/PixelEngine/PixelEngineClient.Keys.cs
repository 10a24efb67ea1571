namespace Tessera.Client.PixelEngine;

/// <summary>The account's own keys (any account key may manage them; a sub-key may not).</summary>
public sealed partial class PixelEngineClient
{
    public Task<EngineKeyList> ListKeysAsync(CancellationToken cancellationToken = default) =>
        SendAsync<EngineKeyList>(HttpMethod.Get, "keys", null, cancellationToken);

    /// <summary>A new <c>pe_sk_</c> key; <see cref="CreatedEngineKey.Key"/> is its full text, shown this once.</summary>
    public Task<CreatedEngineKey> CreateKeyAsync(string? name = null, CancellationToken cancellationToken = default) =>
        SendAsync<CreatedEngineKey>(HttpMethod.Post, "keys", new KeyNameBody(name), cancellationToken);

    public Task<EngineKey> RenameKeyAsync(string keyId, string? name, CancellationToken cancellationToken = default) =>
        SendAsync<EngineKey>(HttpMethod.Patch, "keys/" + Segment(keyId), new KeyNameBody(name), cancellationToken);

    /// <summary>Pauses the key: it answers 401 <c>unauthorized</c> until reactivated.</summary>
    public Task<EngineKey> DeactivateKeyAsync(string keyId, CancellationToken cancellationToken = default) =>
        SendAsync<EngineKey>(HttpMethod.Post, "keys/" + Segment(keyId) + "/deactivate", null, cancellationToken);

    public Task<EngineKey> ReactivateKeyAsync(string keyId, CancellationToken cancellationToken = default) =>
        SendAsync<EngineKey>(HttpMethod.Post, "keys/" + Segment(keyId) + "/reactivate", null, cancellationToken);

    public Task DeleteKeyAsync(string keyId, CancellationToken cancellationToken = default) =>
        SendAsync<object?>(HttpMethod.Delete, "keys/" + Segment(keyId), null, cancellationToken);

    private static string Segment(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        return Uri.EscapeDataString(id);
    }

    private sealed record KeyNameBody(string? Name);
}
