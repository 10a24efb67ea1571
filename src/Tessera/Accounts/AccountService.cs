using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Tessera.Common;
using Tessera.Storage;

namespace Tessera.Accounts;

/// <summary>Creates, finds, suspends and resumes accounts.</summary>
public sealed class AccountService(TesseraDbContext db, TimeProvider time, AuthChangesAccessor changes)
{
    public const int MaxNameLength = 100;

    public async Task<Result<Account>> CreateAsync(string? name, string kind = AccountKind.User, CancellationToken cancellationToken = default)
    {
        name = name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength)
        {
            return Error.Validation($"name is required and at most {MaxNameLength} characters.");
        }

        var account = new Account { Id = Ids.New("acc_"), Name = name, Kind = kind, CreatedAt = time.GetUtcNow() };
        db.Add(account);
        await db.SaveChangesAsync(cancellationToken);
        return account;
    }

    public Task<Account?> FindAsync(string id, CancellationToken cancellationToken = default) =>
        db.Set<Account>().AsNoTracking().FirstOrDefaultAsync(account => account.Id == id, cancellationToken);

    public async Task<IReadOnlyList<Account>> ListAsync(int limit, string? after, CancellationToken cancellationToken = default)
    {
        var query = db.Set<Account>().AsNoTracking().OrderBy(account => account.Id).AsQueryable();
        if (after is not null)
        {
            query = query.Where(account => string.Compare(account.Id, after) > 0);
        }

        return await query.Take(Math.Clamp(limit, 1, 500)).ToListAsync(cancellationToken);
    }

    /// <summary>Suspends or resumes: every key of the account is refused (403) or accepted again, on every node.</summary>
    public async Task<Result<Account>> SetStatusAsync(string id, string status, CancellationToken cancellationToken = default)
    {
        var account = await db.Set<Account>().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (account is null)
        {
            return Error.NotFound($"No account '{id}'.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        account.Status = status;
        await db.SaveChangesAsync(cancellationToken);
        await changes.Value.RecordAsync(db.Database.GetDbConnection(), transaction.GetDbTransaction(), null, id, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        changes.Value.Evict(null, id);
        return account;
    }
}

/// <summary>Lets scoped services reach the internal <see cref="AuthChanges"/> singleton.</summary>
public sealed class AuthChangesAccessor
{
    internal AuthChangesAccessor(AuthChanges value) => Value = value;

    internal AuthChanges Value { get; }
}
