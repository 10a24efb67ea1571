using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Tessera.Common;
using Tessera.Storage;

namespace Tessera.Accounts;

/// <summary>An account's keys and sub-keys: create (shown once), list, rename, deactivate, reactivate, delete, revoke.</summary>
public sealed class ApiKeyService(
    TesseraDbContext db,
    TesseraDatabase database,
    TimeProvider time,
    AuthChangesAccessor changes,
    IOptions<AccountsOptions> options)
{
    public const string SubKeyPrefix = "sk_";
    public const int MaxNameLength = 100;

    public async Task<Result<CreatedKey>> CreateAsync(
        string accountId, string? name, IReadOnlySet<string>? scopes, string prefix = KeyFormat.DefaultPrefix, CancellationToken cancellationToken = default)
    {
        if (name is { Length: > MaxNameLength })
        {
            return Error.Validation($"name is at most {MaxNameLength} characters.");
        }

        // Joins the caller's transaction when there is one (an agent is created with its key, all or nothing).
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        if (!await LockAccountAsync(accountId, cancellationToken))
        {
            return Error.NotFound($"No account '{accountId}'.");
        }

        var count = await db.Set<ApiKey>().CountAsync(key => key.AccountId == accountId && key.ParentKeyId == null, cancellationToken);
        if (count >= options.Value.MaxKeysPerAccount)
        {
            return Error.Conflict("key_limit_reached", $"An account holds at most {options.Value.MaxKeysPerAccount} keys; delete one first.");
        }

        var created = Add(accountId, null, name, scopes, null, null, prefix);
        await db.SaveChangesAsync(cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return created;
    }

    public async Task<Result<CreatedKey>> CreateSubKeyAsync(
        string parentKeyId, string? label, long? creditLimit, IReadOnlySet<string>? scopes, int? expiresDays, CancellationToken cancellationToken = default)
    {
        if (label is { Length: > MaxNameLength })
        {
            return Error.Validation($"label is at most {MaxNameLength} characters.");
        }

        if (creditLimit is < 1 or > 1_000_000_000)
        {
            return Error.Validation("credit_limit must be between 1 and 1000000000.");
        }

        if (expiresDays is < 1 or > 3650)
        {
            return Error.Validation("expires_days must be between 1 and 3650.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var parent = await db.Set<ApiKey>().AsNoTracking().FirstOrDefaultAsync(key => key.Id == parentKeyId, cancellationToken);
        if (parent is null || parent.ParentKeyId is not null)
        {
            return Error.NotFound($"No account key '{parentKeyId}'.");
        }

        if (parent.Status != KeyStatus.Active)
        {
            return Error.Forbidden("forbidden", "A deactivated key cannot create sub-keys.");
        }

        var parentScopes = Scopes.Deserialize(parent.Scopes);
        if (parentScopes is not null && scopes is not null && scopes.FirstOrDefault(scope => !parentScopes.Contains(scope)) is { } extra)
        {
            return Error.Forbidden("forbidden", $"A sub-key cannot have the '{extra}' scope its parent key lacks.");
        }

        var live = await db.Set<ApiKey>().CountAsync(key => key.ParentKeyId == parentKeyId && key.Status != KeyStatus.Revoked, cancellationToken);
        if (live >= options.Value.MaxSubKeysPerKey)
        {
            return Error.Conflict("key_limit_reached", $"A key holds at most {options.Value.MaxSubKeysPerKey} live sub-keys.");
        }

        var expiresAt = expiresDays is { } days ? time.GetUtcNow().AddDays(days) : (DateTimeOffset?)null;
        if (parent.ExpiresAt is { } parentExpires && (expiresAt is null || expiresAt > parentExpires))
        {
            expiresAt = parentExpires;
        }

        var created = Add(parent.AccountId, parent.Id, label, scopes ?? parentScopes, creditLimit ?? options.Value.DefaultSubKeyCreditLimit, expiresAt, SubKeyPrefix);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return created;
    }

    public async Task<IReadOnlyList<ApiKey>> ListAsync(string accountId, CancellationToken cancellationToken = default) =>
        await db.Set<ApiKey>().AsNoTracking()
            .Where(key => key.AccountId == accountId && key.ParentKeyId == null)
            .OrderBy(key => key.CreatedAt).ThenBy(key => key.Id)
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<ApiKey>> ListSubKeysAsync(string parentKeyId, CancellationToken cancellationToken = default) =>
        await db.Set<ApiKey>().AsNoTracking()
            .Where(key => key.ParentKeyId == parentKeyId)
            .OrderBy(key => key.CreatedAt).ThenBy(key => key.Id)
            .ToListAsync(cancellationToken);

    public Task<ApiKey?> FindAsync(string keyId, CancellationToken cancellationToken = default) =>
        db.Set<ApiKey>().AsNoTracking().FirstOrDefaultAsync(key => key.Id == keyId, cancellationToken);

    public async Task<Result<ApiKey>> RenameAsync(string keyId, string? name, CancellationToken cancellationToken = default)
    {
        name = name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength)
        {
            return Error.Validation($"name is required and at most {MaxNameLength} characters.");
        }

        var key = await db.Set<ApiKey>().FirstOrDefaultAsync(k => k.Id == keyId, cancellationToken);
        if (key is null)
        {
            return Error.NotFound($"No key '{keyId}'.");
        }

        key.Name = name;
        await db.SaveChangesAsync(cancellationToken);
        return key;
    }

    /// <summary>Deactivate, reactivate or revoke. Revoked is final; the change reaches every node's cache.</summary>
    public async Task<Result<ApiKey>> SetStatusAsync(string keyId, string status, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var key = await db.Set<ApiKey>().FirstOrDefaultAsync(k => k.Id == keyId, cancellationToken);
        if (key is null)
        {
            return Error.NotFound($"No key '{keyId}'.");
        }

        if (key.Status == KeyStatus.Revoked && status != KeyStatus.Revoked)
        {
            return Error.Conflict("key_revoked", "A revoked key stays revoked.");
        }

        key.Status = status;
        await db.SaveChangesAsync(cancellationToken);
        await changes.Value.RecordAsync(db.Database.GetDbConnection(), transaction.GetDbTransaction(), keyId, null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        changes.Value.Evict(keyId, null);
        return key;
    }

    /// <summary>Deletes a key and its sub-keys.</summary>
    public async Task<Result<bool>> DeleteAsync(string keyId, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var deleted = await db.Set<ApiKey>().Where(key => key.Id == keyId || key.ParentKeyId == keyId).ExecuteDeleteAsync(cancellationToken);
        if (deleted == 0)
        {
            return Error.NotFound($"No key '{keyId}'.");
        }

        await changes.Value.RecordAsync(db.Database.GetDbConnection(), transaction.GetDbTransaction(), keyId, null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        changes.Value.Evict(keyId, null);
        return true;
    }

    private CreatedKey Add(string accountId, string? parentKeyId, string? name, IReadOnlySet<string>? scopes, long? creditLimit, DateTimeOffset? expiresAt, string prefix)
    {
        var generated = KeyFormat.Generate(prefix);
        var key = new ApiKey
        {
            Id = generated.Id,
            AccountId = accountId,
            ParentKeyId = parentKeyId,
            Name = string.IsNullOrWhiteSpace(name) ? null : name.Trim(),
            Prefix = generated.DisplayPrefix,
            Hash = generated.Hash,
            Scopes = Scopes.Serialize(scopes),
            CreditLimit = creditLimit,
            ExpiresAt = expiresAt,
            CreatedAt = time.GetUtcNow(),
        };
        db.Add(key);
        AccountsMetrics.KeysCreated.Add(1);

        // A key id looked up before it existed may sit in a cache as "missing"; creation clears it.
        changes.Value.Evict(key.Id, null);
        return new CreatedKey(key, generated.Text);
    }

    /// <summary>Serialises key creation per account so the cap holds under races (SQLite's write lock does it already).</summary>
    private async Task<bool> LockAccountAsync(string accountId, CancellationToken cancellationToken)
    {
        var sql = database.IsSqlite ? "SELECT 1 AS \"Value\" FROM accounts WHERE id = {0}" : "SELECT 1 AS \"Value\" FROM accounts WHERE id = {0} FOR UPDATE";
        var found = await db.Database.SqlQueryRaw<int>(sql, accountId).ToListAsync(cancellationToken);
        return found.Count > 0;
    }
}
