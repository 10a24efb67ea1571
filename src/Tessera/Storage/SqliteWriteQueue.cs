using System.Data.Common;
using System.Threading.Channels;

namespace Tessera.Storage;

/// <summary>
/// The node's one SQLite writer. SQLite lets one connection write at a time, so every module's hot writes (ledger
/// transfers and holds, job inserts, claims and terminal commits) go through this one long-lived connection, and
/// whatever writes are waiting commit together as one transaction (group commit). Each write runs inside its own
/// SAVEPOINT, so one that fails rolls back alone; every caller is answered only after the transaction holding its
/// write has committed. Statements can be prepared once per process (<see cref="SqliteWrite.Prepared"/>).
/// Why one writer for every module, not one per module (queue benchmark, no-op engine, 8 clients, quiet 2-core box):
/// with a ledger writer and a jobs writer on two connections, each BEGIN IMMEDIATE of one found the other's lock and
/// slept in SQLite's busy handler (1, 2, 5 … 100 ms): 542 jobs/s, dispatch p50 2.8 s. See docs/jobs.md for the
/// figures with this writer.
/// </summary>
public sealed class SqliteWriteQueue : IAsyncDisposable
{
    private const int MaxBatch = 256;

    private readonly TesseraDatabase _database;
    private readonly Channel<WorkItem> _queue = Channel.CreateUnbounded<WorkItem>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;

    internal SqliteWriteQueue(TesseraDatabase database)
    {
        _database = database;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>
    /// Runs <paramref name="work"/> in the next group transaction. Its writes are kept when it returns a value for
    /// which <paramref name="keep"/> is true and rolled back (alone) when it is false or the work throws; the task
    /// completes once the group has committed (or faults with the exception the work or the commit threw).
    /// </summary>
    public Task<T> WriteAsync<T>(Func<SqliteWrite, Task<T>> work, Func<T, bool> keep, CancellationToken cancellationToken)
    {
        var item = new WorkItem<T>(work, keep, cancellationToken);
        if (!_queue.Writer.TryWrite(item))
        {
            throw new ObjectDisposedException(nameof(SqliteWriteQueue));
        }

        return item.Completion.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    private async Task RunAsync()
    {
        var batch = new List<WorkItem>(MaxBatch);
        var prepared = new Dictionary<string, DbCommand>(StringComparer.Ordinal);
        DbConnection? connection = null;
        try
        {
            while (await _queue.Reader.WaitToReadAsync())
            {
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var item))
                {
                    if (!item.CancelIfRequested())
                    {
                        batch.Add(item);
                    }
                }

                if (batch.Count == 0)
                {
                    continue;
                }

                try
                {
                    connection ??= await _database.OpenAsync();
                    await RunBatchAsync(connection, prepared, batch);
                }
                catch (Exception exception) when (exception is DbException or InvalidOperationException)
                {
                    // The group did not commit: every caller in it learns so, and the connection starts afresh.
                    foreach (var item in batch)
                    {
                        item.Fail(exception);
                    }

                    DisposeAll(prepared);
                    if (connection is not null)
                    {
                        await connection.DisposeAsync();
                        connection = null;
                    }
                }

                batch.Clear();
            }
        }
        finally
        {
            DisposeAll(prepared);
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
    }

    private static async Task RunBatchAsync(DbConnection connection, Dictionary<string, DbCommand> prepared, List<WorkItem> batch)
    {
        await using var transaction = await TesseraDatabase.BeginWriteAsync(connection);
        var write = new SqliteWrite(connection, transaction, prepared);
        // A group of one needs no savepoint: a write that fails rolls back with the whole (empty) transaction.
        var alone = batch.Count == 1;
        foreach (var item in batch)
        {
            if (!alone)
            {
                await write.Prepared("SAVEPOINT op").ExecuteNonQueryAsync();
            }

            var kept = await item.RunAsync(write);
            if (alone)
            {
                break;
            }

            if (!kept)
            {
                await write.Prepared("ROLLBACK TO op").ExecuteNonQueryAsync();
            }

            await write.Prepared("RELEASE op").ExecuteNonQueryAsync();
        }

        if (alone && !batch[0].Kept)
        {
            await transaction.RollbackAsync();
        }
        else
        {
            await transaction.CommitAsync();
        }

        foreach (var item in batch)
        {
            item.Complete();
        }
    }

    private static void DisposeAll(Dictionary<string, DbCommand> prepared)
    {
        foreach (var command in prepared.Values)
        {
            command.Dispose();
        }

        prepared.Clear();
    }

    private abstract class WorkItem
    {
        public bool Kept { get; protected set; }

        /// <summary>Runs the write; false when it failed or asked to be undone, so its changes must be rolled back.</summary>
        public abstract Task<bool> RunAsync(SqliteWrite write);

        public abstract bool CancelIfRequested();

        public abstract void Complete();

        public abstract void Fail(Exception exception);
    }

    private sealed class WorkItem<T>(Func<SqliteWrite, Task<T>> work, Func<T, bool> keep, CancellationToken cancellationToken) : WorkItem
    {
        private T? _result;
        private Exception? _error;

        public TaskCompletionSource<T> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override async Task<bool> RunAsync(SqliteWrite write)
        {
            try
            {
                _result = await work(write);
                Kept = keep(_result);
            }
#pragma warning disable CA1031 // One write's failure fails its own caller, not the group it shares.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                _error = exception;
                Kept = false;
            }

            return Kept;
        }

        public override bool CancelIfRequested() => cancellationToken.IsCancellationRequested && Completion.TrySetCanceled(cancellationToken);

        public override void Complete()
        {
            if (_error is not null)
            {
                Completion.TrySetException(_error);
            }
            else
            {
                Completion.TrySetResult(_result!);
            }
        }

        public override void Fail(Exception exception) => Completion.TrySetException(_error ?? exception);
    }
}

/// <summary>One write's view of the group transaction it runs in.</summary>
public sealed class SqliteWrite
{
    private readonly Dictionary<string, DbCommand> _prepared;

    internal SqliteWrite(DbConnection connection, DbTransaction transaction, Dictionary<string, DbCommand> prepared)
    {
        Connection = connection;
        Transaction = transaction;
        _prepared = prepared;
    }

    public DbConnection Connection { get; }

    public DbTransaction Transaction { get; }

    /// <summary>
    /// The command for <paramref name="sql"/>, made once per connection and kept (so SQLite prepares it once, not once
    /// per write). Its parameters stay from the last use: one SQL text always binds the same names, so a caller
    /// overwrites their values. Not to be disposed by the caller.
    /// </summary>
    public DbCommand Prepared(string sql)
    {
        if (!_prepared.TryGetValue(sql, out var command))
        {
            command = Connection.CreateCommand();
            command.CommandText = sql;
            _prepared[sql] = command;
        }

        command.Transaction = Transaction;
        return command;
    }
}
