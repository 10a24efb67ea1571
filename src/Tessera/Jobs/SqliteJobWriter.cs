using System.Data.Common;
using System.Threading.Channels;
using Tessera.Storage;

namespace Tessera.Jobs;

/// <summary>
/// On SQLite every job write (insert, claim, heartbeat, requeue, terminal commit, finish) goes through this one
/// connection, and whatever writes are waiting commit together as one transaction (group commit, as the ledger's
/// SqliteGroupCommitWriter does), each in its own SAVEPOINT so one that throws rolls back alone.
/// Why (queue benchmark, 8 clients, 8 slots, no-op engine, 2-core box shared with other builds): with a pooled
/// connection per write the job writers collided on SQLite's single write lock and slept in its busy handler
/// (1, 2, 5 ... 100 ms backoff): 99 jobs/s, dispatch p50 1.6 s. See docs/jobs.md for the figures with this writer.
/// </summary>
internal sealed class SqliteJobWriter : IAsyncDisposable
{
    private const int MaxBatch = 256;

    private readonly TesseraDatabase _database;
    private readonly Channel<Item> _queue = Channel.CreateUnbounded<Item>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;

    public SqliteJobWriter(TesseraDatabase database)
    {
        _database = database;
        _loop = Task.Run(RunAsync);
    }

    public Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        var item = new Item<T>(work, cancellationToken);
        if (!_queue.Writer.TryWrite(item))
        {
            throw new ObjectDisposedException(nameof(SqliteJobWriter));
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
        var batch = new List<Item>(MaxBatch);
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
                    await RunBatchAsync(connection, batch);
                }
                catch (Exception exception) when (exception is DbException or InvalidOperationException)
                {
                    // The batch did not commit: every caller in it learns so, and the connection starts afresh.
                    foreach (var item in batch)
                    {
                        item.Fail(exception);
                    }

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
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
    }

    private static async Task RunBatchAsync(DbConnection connection, List<Item> batch)
    {
        await using var transaction = await TesseraDatabase.BeginWriteAsync(connection);
        foreach (var item in batch)
        {
            await connection.Command("SAVEPOINT job", transaction).ExecuteNonQueryAsync();
            if (!await item.RunAsync(connection, transaction))
            {
                await connection.Command("ROLLBACK TO job", transaction).ExecuteNonQueryAsync();
            }

            await connection.Command("RELEASE job", transaction).ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
        foreach (var item in batch)
        {
            item.Complete();
        }
    }

    private abstract class Item
    {
        /// <summary>Runs the write; false when it threw and its changes must be rolled back.</summary>
        public abstract Task<bool> RunAsync(DbConnection connection, DbTransaction transaction);

        public abstract bool CancelIfRequested();

        public abstract void Complete();

        public abstract void Fail(Exception exception);
    }

    private sealed class Item<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken) : Item
    {
        private T? _result;
        private Exception? _error;

        public TaskCompletionSource<T> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override async Task<bool> RunAsync(DbConnection connection, DbTransaction transaction)
        {
            try
            {
                _result = await work(connection, transaction);
                return true;
            }
#pragma warning disable CA1031 // One write's failure fails its own caller, not the batch it shares.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                _error = exception;
                return false;
            }
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
