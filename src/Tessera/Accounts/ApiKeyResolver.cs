using System.Data.Common;
using System.Security.Cryptography;
using Tessera.Storage;

namespace Tessera.Accounts;

/// <summary>
/// Checks a presented key: parse its id, find the row (cache first), compare the hash in constant time, then
/// status, expiry, parent and budget. Only sub-keys with a request budget touch the database per request
/// (their budget is money-like and must hold across nodes: one conditional UPDATE).
/// </summary>
internal sealed class ApiKeyResolver(TesseraDatabase database, KeyCache cache, TimeProvider time)
{
    private const string LoadSql = """
        SELECT k.id, k.account_id, k.parent_key_id, k.hash, k.scopes, k.status, k.expires_at, k.credit_limit,
               a.status, p.status, p.expires_at, p.scopes
        FROM api_keys k
        JOIN accounts a ON a.id = k.account_id
        LEFT JOIN api_keys p ON p.id = k.parent_key_id
        WHERE k.id = @id
        """;

    private static readonly CachedKey Missing = new("", "", null, [], null, "missing", null, false, "", default);

    /// <param name="presented">The key text as sent.</param>
    /// <param name="presentedHash">Its SHA-256, computed once by the caller (it also serves the operator check).</param>
    public async ValueTask<KeyCheck> CheckAsync(string presented, byte[] presentedHash, CancellationToken cancellationToken)
    {
        var id = KeyFormat.IdOf(presented);
        if (id is null)
        {
            return KeyCheck.Fail("Invalid API key.");
        }

        var now = time.GetUtcNow();
        if (!cache.TryGet(id, now, out var key))
        {
            var generation = cache.Generation;
            key = await LoadAsync(id, now, cancellationToken) ?? Missing with { Id = id, CachedAt = now };
            cache.Set(key, generation);
        }

        if (key!.Status == "missing" || !CryptographicOperations.FixedTimeEquals(presentedHash, key.Hash))
        {
            return KeyCheck.Fail("Invalid API key.");
        }

        if (key.Status != KeyStatus.Active)
        {
            return KeyCheck.Fail(key.Status == KeyStatus.Deactivated ? "This API key is deactivated." : "This API key has been revoked.");
        }

        if (key.ExpiresAt is { } expires && expires <= now)
        {
            return KeyCheck.Fail("This API key has expired.");
        }

        if (key.HasBudget && !await TryConsumeAsync(key.Id, cancellationToken))
        {
            return KeyCheck.Fail("This API key has used its request budget (credit_limit).");
        }

        return new KeyCheck(key, null);
    }

    private async Task<CachedKey?> LoadAsync(string id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var reader = await connection.Command(LoadSql).With("@id", id).ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var scopes = Scopes.Deserialize(NullableString(reader, 4));
        var status = reader.GetString(5);
        var expires = NullableTime(reader, 6);
        if (!reader.IsDBNull(2))
        {
            // A sub-key lives only while its parent does, and never has more scopes or a later expiry.
            var parentStatus = NullableString(reader, 9);
            if (parentStatus != KeyStatus.Active && status == KeyStatus.Active)
            {
                status = KeyStatus.Revoked;
            }

            scopes = Scopes.Intersect(Scopes.Deserialize(NullableString(reader, 11)), scopes);
            if (NullableTime(reader, 10) is { } parentExpires && (expires is null || parentExpires < expires))
            {
                expires = parentExpires;
            }
        }

        return new CachedKey(
            Id: reader.GetString(0),
            AccountId: reader.GetString(1),
            ParentKeyId: NullableString(reader, 2),
            Hash: (byte[])reader.GetValue(3),
            Scopes: scopes,
            Status: status,
            ExpiresAt: expires,
            HasBudget: !reader.IsDBNull(7),
            AccountStatus: reader.GetString(8),
            CachedAt: now);
    }

    private async Task<bool> TryConsumeAsync(string keyId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var updated = await connection.Command("UPDATE api_keys SET used = used + 1 WHERE id = @id AND used < credit_limit")
            .With("@id", keyId)
            .ExecuteAndDisposeAsync(cancellationToken);
        return updated == 1;
    }

    private static string? NullableString(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static DateTimeOffset? NullableTime(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));
}
