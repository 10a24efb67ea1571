using Microsoft.Extensions.Options;
using Tessera.Common;
using Tessera.Storage;

namespace Tessera.Ledger;

/// <summary>
/// The double-entry ledger: grants, transfers, holds (pending → posted | voided | expired), balances, the monthly
/// refresh and the audit. Every amount in and out is in display units; everything stored is in minor units.
/// Every mutating operation takes an idempotency key, scoped by owner: a replay returns the first receipt.
/// </summary>
public sealed partial class LedgerService : IAsyncDisposable
{
    private readonly TesseraDatabase _database;
    private readonly TimeProvider _time;
    private readonly LedgerAccounts _accounts;
    private readonly ILedgerWriter _writer;
    private readonly PostgresGroupCommitWriter? _postgres;
    private readonly HoldRoutes _holdRoutes = new();

    public LedgerService(TesseraDatabase database, TimeProvider time, IOptions<LedgerOptions> options)
    {
        _database = database;
        _time = time;
        _accounts = new LedgerAccounts(database);
        _writer = database.IsSqlite && options.Value.SqliteGroupCommit
            ? new SqliteGroupCommitWriter(database.SqliteWrites!)
            : new TransactionLedgerWriter(database);
        _postgres = database.IsSqlite || !options.Value.PostgresGroupCommit ? null : new PostgresGroupCommitWriter(database);
    }

    private long Now => _time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>PostgreSQL group-commit batches of this node that raised and ran again one operation at a time.</summary>
    internal long GroupCommitFallbacks => _postgres?.Fallbacks ?? 0;

    /// <summary>Issues new money from the system to a user (posted at once). Credits need a pool: monthly or purchased.</summary>
    public async Task<Result<LedgerReceipt>> GrantAsync(
        string ownerId, string currency, decimal amount, string? pool, string? idempotencyKey, string? reason = null, CancellationToken cancellationToken = default)
    {
        var validated = Validate(ownerId, currency, amount);
        if (!validated.IsSuccess)
        {
            return validated.Error;
        }

        var (money, minor) = validated.Value;
        var parsedPool = money.ParsePool(pool);
        if (!parsedPool.IsSuccess)
        {
            return parsedPool.Error;
        }

        var user = await _accounts.IdAsync(ownerId, money.Name, parsedPool.Value, cancellationToken);
        var issuance = await _accounts.IdAsync(SystemOwners.Issuance, money.Name, Currency.NoPool, LedgerAccounts.ShardFor(user), cancellationToken);
        return await WriteAsync(ownerId, idempotencyKey, "grant", async session =>
        {
            await ExecuteAsync(session, LedgerSql.DebitPostedGuarded, ("@id", issuance), ("@amount", minor));
            await ExecuteAsync(session, LedgerSql.CreditPosted, ("@id", user), ("@amount", minor));
            var transferId = await InsertTransferAsync(session, issuance, user, minor, "grant", null, reason);
            return await CompleteAsync(session, ownerId, idempotencyKey, new LedgerReceipt("grant", TransferId(transferId), money.Name, amount, "posted"));
        }, cancellationToken);
    }

    /// <summary>Moves money from a user to another owner at once. Credits are spent monthly pool first, then purchased,
    /// and arrive in a user's purchased pool.</summary>
    public async Task<Result<LedgerReceipt>> TransferAsync(
        string fromOwnerId, string toOwnerId, string currency, decimal amount, string? idempotencyKey, string? reason = null, CancellationToken cancellationToken = default)
    {
        var validated = Validate(fromOwnerId, currency, amount);
        if (!validated.IsSuccess)
        {
            return validated.Error;
        }

        var (money, minor) = validated.Value;
        var sources = await SpendingAccountsAsync(fromOwnerId, money, cancellationToken);
        var destination = await DestinationAsync(toOwnerId, money, sources[0], cancellationToken);
        return await WriteAsync(fromOwnerId, idempotencyKey, "transfer", async session =>
        {
            var legs = await PlanLegsAsync(session, sources, minor, money);
            if (!legs.IsSuccess)
            {
                return legs.Error;
            }

            long firstId = 0;
            foreach (var (account, legAmount) in legs.Value)
            {
                if (await ExecuteAsync(session, LedgerSql.DebitPostedGuarded, ("@id", account), ("@amount", legAmount)) != 1)
                {
                    return LedgerErrors.InsufficientCredits(money.Name);
                }

                await ExecuteAsync(session, LedgerSql.CreditPosted, ("@id", destination), ("@amount", legAmount));
                var id = await InsertTransferAsync(session, account, destination, legAmount, "transfer", null, reason);
                firstId = firstId == 0 ? id : firstId;
            }

            return await CompleteAsync(session, fromOwnerId, idempotencyKey, new LedgerReceipt("transfer", TransferId(firstId), money.Name, amount, "posted"));
        }, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync();
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }

    private static string TransferId(long id) => "tr_" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static Result<(Currency Currency, long Minor)> Validate(string ownerId, string currency, decimal amount)
    {
        if (string.IsNullOrWhiteSpace(ownerId) || SystemOwners.IsSystem(ownerId))
        {
            return Error.Validation("The owner must be an account.");
        }

        var parsed = Currency.Parse(currency);
        if (!parsed.IsSuccess)
        {
            return parsed.Error;
        }

        var minor = parsed.Value.ToMinor(amount);
        return minor.IsSuccess ? (parsed.Value, minor.Value) : minor.Error;
    }

    /// <summary>The accounts a user spends from, in the order they are spent (credits: monthly, then purchased).</summary>
    private async Task<long[]> SpendingAccountsAsync(string ownerId, Currency currency, CancellationToken cancellationToken)
    {
        var ids = new long[currency.Pools.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = await _accounts.IdAsync(ownerId, currency.Name, currency.Pools[i], cancellationToken);
        }

        return ids;
    }

    /// <summary>Where money for <paramref name="ownerId"/> lands: a user's purchased pool, or a shard of a system owner.</summary>
    private ValueTask<long> DestinationAsync(string ownerId, Currency currency, long payerAccount, CancellationToken cancellationToken) =>
        SystemOwners.IsSystem(ownerId)
            ? _accounts.IdAsync(ownerId, currency.Name, Currency.NoPool, LedgerAccounts.ShardFor(payerAccount), cancellationToken)
            : _accounts.IdAsync(ownerId, currency.Name, currency.HasPools ? Currency.Purchased : Currency.NoPool, cancellationToken);
}
