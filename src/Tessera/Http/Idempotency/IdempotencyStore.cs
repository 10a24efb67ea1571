using Tessera.Storage;
using Tessera.Storage.Secrets;

namespace Tessera.Http.Idempotency;

/// <summary>
/// The <c>idempotent_requests</c> table: a row is claimed (status 0) before the handler runs, so two racing requests
/// with one key cannot both run — the primary key lets exactly one insert win on either provider — and is completed
/// with the response afterwards, or deleted when the outcome must not be replayed. The kept response (body and
/// headers) is encrypted at rest with the server's secret key (<see cref="ISecretProtector"/>, AES-256-GCM), bound to its
/// row (account and key as associated data), so a copy of the database does not hold 24 h of responses (keys, invoices)
/// in clear. Rows written in clear before (earlier versions) are still read as they are; a row that cannot be decrypted
/// (the secret key was replaced without keeping the old one) reads as expired, so the request runs again (docs/idempotency.md).
/// </summary>
internal sealed class IdempotencyStore(TesseraDatabase database, ISecretProtector protector)
{
    private const string Purpose = "idempotent-response";
    public async Task<bool> TryClaimAsync(string scope, string key, string requestHash, long now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("""
            INSERT INTO idempotent_requests (account_id, idempotency_key, request_hash, status, body, created_at)
            VALUES (@scope, @key, @hash, 0, @empty, @now)
            ON CONFLICT (account_id, idempotency_key) DO NOTHING
            """)
            .With("@scope", scope).With("@key", key).With("@hash", requestHash).With("@empty", Array.Empty<byte>()).With("@now", now);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<StoredResponse?> FindAsync(string scope, string key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("""
            SELECT request_hash, status, content_type, body, headers, created_at FROM idempotent_requests
            WHERE account_id = @scope AND idempotency_key = @key
            """).With("@scope", scope).With("@key", key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var (hash, status, createdAt) = (reader.GetString(0), reader.GetInt32(1), reader.GetInt64(5));
        var body = (byte[])reader.GetValue(3);
        var headers = reader.IsDBNull(4) ? null : reader.GetString(4);
        try
        {
            var purpose = PurposeOf(scope, key);
            return new StoredResponse(
                hash, status, reader.IsDBNull(2) ? null : reader.GetString(2),
                status == 0 ? body : protector.UnprotectBytes(body, purpose), headers is null ? null : protector.Unprotect(headers, purpose), createdAt);
        }
        catch (SecretUnavailableException)
        {
            return new StoredResponse(hash, status, null, [], null, createdAt, Unreadable: true);
        }
    }

    public async Task CompleteAsync(string scope, string key, int status, string? contentType, byte[] body, string headers, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("""
            UPDATE idempotent_requests SET status = @status, content_type = @type, body = @body, headers = @headers
            WHERE account_id = @scope AND idempotency_key = @key
            """)
            .With("@status", status).With("@type", contentType)
            .With("@body", protector.ProtectBytes(body, PurposeOf(scope, key))).With("@headers", protector.Protect(headers, PurposeOf(scope, key)))
            .With("@scope", scope).With("@key", key);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Deletes the row if it is still the one created at <paramref name="createdAt"/> (a stale claim, an
    /// expired record, or a response that must not be replayed).</summary>
    public async Task ReleaseAsync(string scope, string key, long createdAt, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("""
            DELETE FROM idempotent_requests WHERE account_id = @scope AND idempotency_key = @key AND created_at = @created
            """).With("@scope", scope).With("@key", key).With("@created", createdAt);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The row's identity as associated data: a response moved to another account's or key's row does not decrypt.</summary>
    private static string PurposeOf(string scope, string key) => $"{Purpose}|{scope}|{key}";

    public async Task<int> DeleteOlderThanAsync(long cutoff, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("DELETE FROM idempotent_requests WHERE created_at < @cutoff").With("@cutoff", cutoff);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
