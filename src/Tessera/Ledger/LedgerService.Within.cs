using System.Data.Common;
using Npgsql;
using Tessera.Common;
using Tessera.Storage;

namespace Tessera.Ledger;

/// <summary>
/// A hold resolved inside another module's write transaction, so that module's state change and the money move commit
/// together or not at all (the Jobs terminal commit: status, outputs and the hold's post or void in one transaction,
/// one write instead of two on the node's writer). Same rules as <see cref="PostAsync"/> and <see cref="VoidAsync"/>.
/// </summary>
public sealed partial class LedgerService
{
    private const string WithinSavepoint = "ledger_within";

    /// <summary>
    /// Posts (in full) or voids <paramref name="holdId"/> in <paramref name="write"/>'s transaction. The ledger's part
    /// runs in a savepoint: a refusal (expired, already resolved, not found) or a database error rolls back that part
    /// alone and comes back as an error; the caller's writes stay and it decides whether to try again later.
    /// </summary>
    public async Task<Result<LedgerReceipt>> ResolveWithinAsync(WriteCommands write, string holdId, bool post, string? idempotencyKey)
    {
        ArgumentNullException.ThrowIfNull(write);
        var postgres = !_database.IsSqlite;
        await write.Sql($"SAVEPOINT {WithinSavepoint}").ExecuteNonQueryAsync();
        Result<LedgerReceipt> result;
        try
        {
            if (postgres)
            {
                // The group-commit writer's lock protocol (advisory locks on the hold's accounts, before any row is
                // written), so its batches and this transaction wait for each other instead of deadlocking.
                _holdRoutes.Take(holdId);
                var locks = write.Sql(PostgresGroupCommitWriter.LockSql);
                locks.Parameters.Add(new NpgsqlParameter { Value = Array.Empty<long>() });
                locks.Parameters.Add(new NpgsqlParameter { Value = new[] { holdId } });
                await locks.ExecuteScalarAsync();
            }

            using var session = new LedgerSession(write.Connection, write.Transaction, postgres, write.Sql);
            result = post
                ? await ResolveInAsync(session, holdId, "post", HoldStatus.Posted, null, idempotencyKey)
                : await ResolveInAsync(session, holdId, "void", HoldStatus.Voided, null, idempotencyKey);
        }
        catch (DbException exception)
        {
            await write.Sql($"ROLLBACK TO SAVEPOINT {WithinSavepoint}").ExecuteNonQueryAsync();
            return new Error("ledger_unavailable", $"The hold could not be resolved now: {exception.Message}", 503);
        }

        await write.Sql(result.IsSuccess ? $"RELEASE SAVEPOINT {WithinSavepoint}" : $"ROLLBACK TO SAVEPOINT {WithinSavepoint}").ExecuteNonQueryAsync();
        return result;
    }
}
