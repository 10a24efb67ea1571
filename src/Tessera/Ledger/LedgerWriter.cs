using Npgsql;
using Tessera.Common;
using Tessera.Storage;

namespace Tessera.Ledger;

/// <summary>Runs a ledger operation in a write transaction: committed when it succeeds, rolled back when it fails.</summary>
internal interface ILedgerWriter : IAsyncDisposable
{
    Task<Result<T>> WriteAsync<T>(Func<LedgerSession, Task<Result<T>>> work, CancellationToken cancellationToken);
}

/// <summary>
/// One transaction per operation, on a pooled connection. The rules that must hold across nodes are in the SQL
/// (row locks, conditional UPDATEs, unique keys); a deadlock between two transfers in opposite directions is retried.
/// </summary>
internal sealed class TransactionLedgerWriter(TesseraDatabase database) : ILedgerWriter
{
    private const int MaxAttempts = 5;

    public async Task<Result<T>> WriteAsync<T>(Func<LedgerSession, Task<Result<T>>> work, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await using var transaction = await TesseraDatabase.BeginWriteAsync(connection, cancellationToken);
            using var session = new LedgerSession(connection, transaction, !database.IsSqlite, prepared: null);
            try
            {
                var result = await work(session);
                if (result.IsSuccess)
                {
                    await transaction.CommitAsync(cancellationToken);
                }
                else
                {
                    await transaction.RollbackAsync(cancellationToken);
                }

                return result;
            }
            catch (PostgresException exception) when (exception.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure && attempt < MaxAttempts)
            {
                // Rolled back by disposal; go again.
            }
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
