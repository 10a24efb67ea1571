using System.Data.Common;
using Npgsql;
using Tessera.Common;
using Tessera.Storage;

namespace Tessera.Ledger;

/// <summary>
/// Holds placed and resolved inside another module's write transaction, so that module's state change and the money
/// move commit together or not at all (the Jobs module: a submit's hold and job row in one transaction; the terminal
/// status, outputs and the hold's post or void in another — one write each on the node's writer instead of two).
/// Same rules as <see cref="HoldAsync"/>, <see cref="PostAsync"/> and <see cref="VoidAsync"/>.
/// </summary>
public sealed partial class LedgerService
{
    private const string WithinSavepoint = "ledger_within";

    /// <summary>
    /// Places a planned hold (<see cref="PlanHoldAsync"/>, done before the write) in <paramref name="write"/>'s
    /// transaction, in a savepoint: a refusal (not enough money) rolls back the ledger's part alone and comes back as an
    /// error, so the caller writes nothing else either.
    /// </summary>
    internal async Task<Result<LedgerReceipt>> HoldWithinAsync(WriteCommands write, HoldPlan plan)
    {
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(plan);
        return await WithinAsync(write, plan.Sources.Append(plan.Payee).ToArray(), null, session => PlaceHoldInAsync(session, plan, idempotencyKey: null));
    }

    /// <summary>
    /// Posts (in full) or voids <paramref name="holdId"/> in <paramref name="write"/>'s transaction. The ledger's part
    /// runs in a savepoint: a refusal (expired, already resolved, not found) or a database error rolls back that part
    /// alone and comes back as an error; the caller's writes stay and it decides whether to try again later.
    /// </summary>
    public async Task<Result<LedgerReceipt>> ResolveWithinAsync(WriteCommands write, string holdId, bool post, string? idempotencyKey)
    {
        ArgumentNullException.ThrowIfNull(write);
        _holdRoutes.Take(holdId);
        return await WithinAsync(
            write, [], holdId,
            session => post
                ? ResolveInAsync(session, holdId, "post", HoldStatus.Posted, null, idempotencyKey)
                : ResolveInAsync(session, holdId, "void", HoldStatus.Voided, null, idempotencyKey));
    }

    /// <summary>
    /// Runs a ledger operation in a savepoint of the caller's transaction. On PostgreSQL it first takes the group-commit
    /// writer's advisory locks on the accounts it touches (<paramref name="accounts"/>, or those of <paramref name="holdId"/>),
    /// before any row is written, so that writer's batches and this transaction wait for each other instead of deadlocking.
    /// </summary>
    private async Task<Result<LedgerReceipt>> WithinAsync(
        WriteCommands write, long[] accounts, string? holdId, Func<LedgerSession, Task<Result<LedgerReceipt>>> operation)
    {
        var postgres = !_database.IsSqlite;
        await write.Sql($"SAVEPOINT {WithinSavepoint}").ExecuteNonQueryAsync();
        Result<LedgerReceipt> result;
        try
        {
            if (postgres)
            {
                var locks = write.Sql(PostgresGroupCommitWriter.LockSql);
                locks.Parameters.Add(new NpgsqlParameter { Value = accounts });
                locks.Parameters.Add(new NpgsqlParameter { Value = holdId is null ? Array.Empty<string>() : new[] { holdId } });
                await locks.ExecuteScalarAsync();
            }

            using var session = new LedgerSession(write.Connection, write.Transaction, postgres, write.Sql);
            result = await operation(session);
        }
        catch (DbException exception)
        {
            await write.Sql($"ROLLBACK TO SAVEPOINT {WithinSavepoint}").ExecuteNonQueryAsync();
            return new Error("ledger_unavailable", $"The ledger operation could not run now: {exception.Message}", 503);
        }

        await write.Sql(result.IsSuccess ? $"RELEASE SAVEPOINT {WithinSavepoint}" : $"ROLLBACK TO SAVEPOINT {WithinSavepoint}").ExecuteNonQueryAsync();
        return result;
    }
}
