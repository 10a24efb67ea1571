namespace Tessera.Storage;

/// <summary>
/// One write transaction for a module's hand-written SQL, the same way on both providers: on SQLite a savepoint in the
/// node's shared group-commit writer (<see cref="SqliteWriteQueue"/>: one connection writes, so modules never wait on
/// each other in SQLite's busy handler); on PostgreSQL a transaction of its own.
/// </summary>
public static class DatabaseWrites
{
    /// <summary>
    /// Runs <paramref name="work"/> in a write transaction and commits it when <paramref name="keep"/> says so (a failed
    /// <c>Result</c>, say, rolls back). <paramref name="prepare"/> keeps the commands prepared on the shared SQLite
    /// connection: only for SQL texts from a fixed set, since each distinct text is kept for the life of the process.
    /// </summary>
    public static async Task<T> WriteAsync<T>(
        this TesseraDatabase database, Func<WriteCommands, Task<T>> work, Func<T, bool> keep, bool prepare, CancellationToken cancellationToken)
    {
        if (database.SqliteWrites is { } writes)
        {
            return await writes.WriteAsync(
                async write =>
                {
                    using var commands = new WriteCommands(write.Connection, write.Transaction, prepare ? write.Prepared : null);
                    return await work(commands);
                },
                keep,
                cancellationToken);
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await TesseraDatabase.BeginWriteAsync(connection, cancellationToken);
        using var commands = new WriteCommands(connection, transaction, prepared: null);
        var result = await work(commands);
        if (keep(result))
        {
            await transaction.CommitAsync(cancellationToken);
        }
        else
        {
            await transaction.RollbackAsync(cancellationToken);
        }

        return result;
    }
}
