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

    /// <summary>
    /// Makes an account key. <paramref name="issuer"/> is the operator (any terms) or a key of the same account, whose own
    /// scopes, budget and expiry bound the new key (<see cref="KeyIssuance"/>).
    /// </summary>
    public async Task<Result<CreatedKey>> CreateAsync(
        KeyIssuer issuer, string accountId, string? name, KeyTerms requested, string prefix = KeyFormat.DefaultPrefix, CancellationToken cancellationToken = default)
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

        ApiKey? issuingKey = null;
        if (issuer.KeyId is { } issuerId)
        {
            issuingKey = await db.Set<ApiKey>().AsNoTracking().FirstOrDefaultAsync(key => key.Id == issuerId, cancellationToken);
            if (issuingKey is null || issuingKey.AccountId != accountId || issuingKey.ParentKeyId is not null)
            {
                return Error.Forbidden("forbidden", "Only an account key of this account can make its keys.");
            }
        }

        var terms = KeyIssuance.Bound(issuingKey, requested, time.GetUtcNow());
        if (!terms.IsSuccess)
        {
            return terms.Error;
        }

        var count = await db.Set<ApiKey>().CountAsync(key => key.AccountId == accountId && key.ParentKeyId == null, cancellationToken);
        if (count >= options.Value.MaxKeysPerAccount)
        {
            return Error.Conflict("key_limit_reached", $"An account holds at most {options.Value.MaxKeysPerAccount} keys; delete one first.");
        }

        var created = Add(accountId, null, name, terms.Value, prefix);
        await db.SaveChangesAsync(cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return created;
    }

    /// <summary>Makes a sub-key of <paramref name="parentKeyId"/>, bounded by that key (<see cref="KeyIssuance"/>).</summary>
    public async Task<Result<CreatedKey>> CreateSubKeyAsync(
        string parentKeyId, string? label, long? creditLimit, IReadOnlySet<string>? scopes, int? expiresDays, CancellationToken cancellationToken = default)
    {
        if (label is { Length: > MaxNameLength })
        {
            return Error.Validation($"label is at most {MaxNameLength} characters.");
        }

        var now = time.GetUtcNow();
        var requested = KeyTerms.From(scopes, creditLimit, expiresDays, now);
        if (!requested.IsSuccess)
        {
            return requested.Error;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var parent = await db.Set<ApiKey>().AsNoTracking().FirstOrDefaultAsync(key => key.Id == parentKeyId, cancellationToken);
        if (parent is null || parent.ParentKeyId is not null)
        {
            return Error.NotFound($"No account key '{parentKeyId}'.");
        }

        var terms = KeyIssuance.Bound(parent, requested.Value, now);
        if (!terms.IsSuccess)
        {
            return terms.Error;
        }

        var live = await db.Set<ApiKey>().CountAsync(key => key.ParentKeyId == parentKeyId && key.Status != KeyStatus.Revoked, cancellationToken);
        if (live >= options.Value.MaxSubKeysPerKey)
        {
            return Error.Conflict("key_limit_reached", $"A key holds at most {options.Value.MaxSubKeysPerKey} live sub-keys.");
        }

        // A sub-key always has a budget: the one asked for, else the default (the ocean doc's 50), never more than the parent has left.
        var budget = creditLimit ?? Math.Min(terms.Value.Budget ?? long.MaxValue, options.Value.DefaultSubKeyCreditLimit);
        var created = Add(parent.AccountId, parent.Id, label, terms.Value with { Budget = budget }, SubKeyPrefix);
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

    /// <summary>Every sub-key of the account, whichever of its keys made it, oldest first (the Ocean list "all your sub-keys").</summary>
    public async Task<IReadOnlyList<ApiKey>> ListAccountSubKeysAsync(string accountId, CancellationToken cancellationToken = default) =>
        await db.Set<ApiKey>().AsNoTracking()
            .Where(key => key.AccountId == accountId && key.ParentKeyId != null)
            .OrderBy(key => key.CreatedAt).ThenBy(key => key.Id)
            .ToListAsync(cancellationToken);

    /// <summary>
    /// The account's sub-key named by <paramref name="reference"/>: its id, its display prefix (<c>sk_{id}</c>) or its full
    /// text — then the text must be that key's (its hash is compared in constant time), so an id with a made-up secret
    /// finds nothing. Null for anything else, another account's sub-key included.
    /// </summary>
    public async Task<ApiKey?> FindSubKeyAsync(string accountId, string reference, CancellationToken cancellationToken = default)
    {
        var text = reference.Trim().TrimEnd('…');
        var fromText = KeyFormat.IdOf(text);
        var id = fromText ?? (text.StartsWith(SubKeyPrefix, StringComparison.Ordinal) ? text[SubKeyPrefix.Length..] : text);
        if (id.Length != KeyFormat.IdLength)
        {
            return null;
        }

        var key = await FindAsync(id, cancellationToken);
        if (key is null || key.AccountId != accountId || key.ParentKeyId is null)
        {
            return null;
        }

        return fromText is null || System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(KeyFormat.Hash(text), key.Hash) ? key : null;
    }

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

    /// <summary>
    /// Deactivate, reactivate or revoke, by <paramref name="actor"/> (<see cref="KeyActor"/>). Revoked is final; a key the
    /// operator deactivated is reactivated only by the operator. The change reaches every node's cache.
    /// </summary>
    public async Task<Result<ApiKey>> SetStatusAsync(string keyId, string status, string actor, CancellationToken cancellationToken = default)
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

        var byOperator = key.Status == KeyStatus.Deactivated && key.DeactivatedBy == KeyActor.Operator;
        if (byOperator && actor != KeyActor.Operator && status == KeyStatus.Active)
        {
            return Error.Forbidden("key_deactivated_by_operator", "The operator deactivated this key; only the operator can reactivate it.");
        }

        key.DeactivatedBy = status switch
        {
            KeyStatus.Active => null,
            KeyStatus.Deactivated => byOperator ? KeyActor.Operator : actor,
            _ => key.DeactivatedBy,
        };
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

    private CreatedKey Add(string accountId, string? parentKeyId, string? name, KeyTerms terms, string prefix)
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
            Scopes = Scopes.Serialize(terms.Scopes),
            CreditLimit = terms.Budget,
            ExpiresAt = terms.ExpiresAt,
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
