using System.Data.Common;
using Tessera.Storage;

namespace Tessera.Accounts;

/// <summary>
/// Records that a key or account changed (deactivated, revoked, deleted, suspended ...) and drops it from this
/// node's cache at once; other nodes pick the row up from the feed.
/// </summary>
internal sealed class AuthChanges(KeyCache cache, TimeProvider time)
{
    public async Task RecordAsync(DbConnection connection, DbTransaction? transaction, string? keyId, string? accountId, CancellationToken cancellationToken)
    {
        await connection.Command("INSERT INTO auth_changes (key_id, account_id, at) VALUES (@key, @account, @at)", transaction)
            .With("@key", keyId)
            .With("@account", accountId)
            .With("@at", time.GetUtcNow().ToUnixTimeMilliseconds())
            .ExecuteAndDisposeAsync(cancellationToken);
        Evict(keyId, accountId);
    }

    public void Evict(string? keyId, string? accountId)
    {
        if (keyId is not null)
        {
            cache.EvictKey(keyId);
        }

        if (accountId is not null)
        {
            cache.EvictAccount(accountId);
        }
    }
}
