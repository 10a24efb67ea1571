using System.Threading.Channels;
using Npgsql;
using NpgsqlTypes;
using Tessera.Storage;

namespace Tessera.Ledger;

/// <summary>One call of a ledger function (migrations 0021, 0022): its SQL, positional arguments, and the accounts it touches.</summary>
/// <param name="Accounts">Account ids the call may write (a hold's payer and payee; a known hold's accounts).</param>
/// <param name="UnknownHold">A hold whose accounts the caller does not know, to be looked up by the lock statement.</param>
/// <param name="Lane">Which connection runs it (any non-negative number, taken modulo the lanes), or null for any:
/// the calls of one payer take the same lane, so the lanes of one node never wait on each other.</param>
internal sealed record LedgerCall(string Sql, object?[] Arguments, long[] Accounts, string? UnknownHold, int? Lane);

/// <summary>What a ledger function returned: <c>ok</c>, <c>replay</c> (the fields are the stored receipt) or an error code.</summary>
internal readonly record struct LedgerOutcome(string Code, string? Kind, string? Ref, string? Currency, long Amount, string? Status);

/// <summary>
/// PostgreSQL group commit for the hot operations (hold, post, void, expire). Each operation is one call of a
/// PL/pgSQL function that checks before it writes and returns its outcome as a value (0021_ledger_functions.sql);
/// the calls waiting when a connection is free go out as one <see cref="NpgsqlBatch"/> without an explicit
/// transaction, which PostgreSQL runs as one implicit transaction: one round trip and one commit for N operations.
/// Callers are answered after the batch has committed. If the batch raises (a deadlock with another node's
/// transaction, a bug), it rolled back whole, and each of its operations runs again alone so each gets its own answer.
/// The batch first takes a transaction-scoped advisory lock per account it will touch, in key order, so batches on
/// other connections or other nodes wait for each other instead of deadlocking.
/// Why (ledger benchmark, 8 clients, hold + post pairs, 2-core box shared with other builds): a transaction per
/// operation is 3 round trips and a commit each, and ran 240–450 pairs/s; this writer sends ~4 operations per batch
/// and ran 450–750 pairs/s then (see docs/ledger.md). Advisory locks rather than <c>SELECT ... FOR UPDATE</c> in id
/// order: a row lock writes a WAL record and dirties the row's page, and that statement was the batch's costliest
/// (0.4–0.5 ms of ~1.5 ms per batch in pg_stat_statements); advisory locks live only in the lock table.
/// </summary>
internal sealed class PostgresGroupCommitWriter : IAsyncDisposable
{
    /// <summary>Lanes, each a queue and a connection with one batch in flight: while one commits, another runs. A call
    /// goes to the lane of its payer's shard (<see cref="LedgerCall.Lane"/>), so the lanes of a node touch disjoint
    /// accounts; before, with any batch on any connection, two batches crediting the same revenue shard queued on
    /// each other's locks. Several nodes each have their own.</summary>
    public const int Connections = 2;

    private const int MaxBatch = 128;
    private const int MaxAttempts = 5;

    /// <summary>Locks the accounts of every call in the batch, in key order, before any function runs: the accounts the
    /// calls name ($1), and those of holds placed elsewhere, looked up ($2, usually empty). A key is the account id's
    /// low 31 bits (mapped here only): ids that share one only wait for each other. The two-int4 form,
    /// class 1279607879 ("LEDG"), so no key clashes with the bigint ones other code takes (the migration lock).</summary>
    internal const string LockSql = """
        SELECT count(pg_advisory_xact_lock(1279607879, k)) FROM (
            SELECT DISTINCT (id & 2147483647)::int AS k FROM (
                SELECT unnest($1::bigint[]) AS id
                UNION ALL
                SELECT unnest(ARRAY[debit1_account_id, debit2_account_id, credit_account_id]) FROM ledger_holds WHERE id = ANY($2)) ids
            WHERE id IS NOT NULL ORDER BY k) ordered
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly Channel<WorkItem>[] _lanes;
    private readonly Task[] _loops;
    private int _nextAnyLane;
    private long _fallbacks;

    public PostgresGroupCommitWriter(TesseraDatabase database)
    {
        // Its own small pool, with automatic preparation: each connection parses and plans the lock statement and the
        // two function calls once, not once per batch.
        _dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(database.ConnectionString)
        {
            MaxAutoPrepare = 16,
            AutoPrepareMinUsages = 2,
            MaxPoolSize = Connections,
        });
        _lanes = Enumerable.Range(0, Connections).Select(_ => Channel.CreateUnbounded<WorkItem>(new UnboundedChannelOptions { SingleReader = true })).ToArray();
        _loops = _lanes.Select(lane => Task.Run(() => RunAsync(lane.Reader))).ToArray();
    }

    /// <summary>Batches of this writer that raised and were run again one operation at a time.</summary>
    public long Fallbacks => Interlocked.Read(ref _fallbacks);

    public Task<LedgerOutcome> CallAsync(LedgerCall call, CancellationToken cancellationToken)
    {
        var item = new WorkItem(call, cancellationToken);
        var lane = call.Lane ?? (int)((uint)Interlocked.Increment(ref _nextAnyLane) % Connections);
        if (!_lanes[lane % Connections].Writer.TryWrite(item))
        {
            throw new ObjectDisposedException(nameof(PostgresGroupCommitWriter));
        }

        return item.Completion.Task;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var lane in _lanes)
        {
            lane.Writer.TryComplete();
        }

        await Task.WhenAll(_loops);
        await _dataSource.DisposeAsync();
    }

    private async Task RunAsync(ChannelReader<WorkItem> queue)
    {
        var batch = new List<WorkItem>(MaxBatch);
        NpgsqlConnection? connection = null;
        try
        {
            while (await queue.WaitToReadAsync())
            {
                while (batch.Count < MaxBatch && queue.TryRead(out var item))
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

                connection = await RunBatchAsync(connection, batch);
                batch.Clear();

                // Let the callers just answered run first: most submit their next operation at once, so the next
                // batch carries the whole lane instead of the half that queued while this one ran (ledger benchmark:
                // +14-50% pairs/s, paired runs on the noisy 2-core box).
                await Task.Yield();
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

    /// <summary>Runs a batch, falling back to one operation per transaction if it raises; returns the connection to keep.</summary>
    private async Task<NpgsqlConnection?> RunBatchAsync(NpgsqlConnection? connection, List<WorkItem> batch)
    {
        try
        {
            connection ??= await _dataSource.OpenConnectionAsync();
            var outcomes = await ExecuteAsync(connection, batch);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Completion.TrySetResult(outcomes[i]);
            }

            return connection;
        }
        catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException)
        {
            // Rolled back whole (or never sent): each operation goes again in its own transaction, retried on a
            // deadlock, so each caller gets its own outcome.
            Interlocked.Increment(ref _fallbacks);
            LedgerMetrics.BatchFallbacks.Add(1);
        }

        connection = await DropAsync(connection);
        foreach (var item in batch)
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    connection ??= await _dataSource.OpenConnectionAsync();
                    item.Completion.TrySetResult((await ExecuteAsync(connection, [item]))[0]);
                    break;
                }
                catch (PostgresException exception) when (exception.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure && attempt < MaxAttempts)
                {
                    // Rolled back; go again.
                }
                catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException)
                {
                    item.Fail(exception);
                    connection = await DropAsync(connection);
                    break;
                }
            }
        }

        return connection;
    }

    /// <summary>A connection that failed mid-batch may be in any state: give it back to the pool to be reset.</summary>
    private static async Task<NpgsqlConnection?> DropAsync(NpgsqlConnection? connection)
    {
        if (connection is not null)
        {
            await connection.DisposeAsync();
        }

        return null;
    }

    /// <summary>One round trip: the lock statement, then every call; outcomes are read only once all have run, and
    /// the reader is drained to the end (the implicit transaction's commit) before anyone is answered.</summary>
    private static async Task<LedgerOutcome[]> ExecuteAsync(NpgsqlConnection connection, List<WorkItem> batch)
    {
        var accounts = new List<long>(batch.Count * 3);
        var holds = new List<string>();
        foreach (var item in batch)
        {
            accounts.AddRange(item.Call.Accounts);
            if (item.Call.UnknownHold is { } hold)
            {
                holds.Add(hold);
            }
        }

        await using var command = new NpgsqlBatch(connection);
        var locks = new NpgsqlBatchCommand(LockSql);
        locks.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint, Value = accounts.ToArray() });
        locks.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = holds.ToArray() });
        command.BatchCommands.Add(locks);
        foreach (var item in batch)
        {
            var call = new NpgsqlBatchCommand(item.Call.Sql);
            foreach (var argument in item.Call.Arguments)
            {
                call.Parameters.Add(new NpgsqlParameter { Value = argument ?? DBNull.Value });
            }

            command.BatchCommands.Add(call);
        }

        var outcomes = new LedgerOutcome[batch.Count];
        await using (var reader = await command.ExecuteReaderAsync())
        {
            for (var i = 0; i < batch.Count; i++)
            {
                if (!await reader.NextResultAsync() || !await reader.ReadAsync())
                {
                    throw new InvalidOperationException("A ledger function returned no row.");
                }

                outcomes[i] = new LedgerOutcome(
                    reader.GetString(0), Text(reader, 1), Text(reader, 2), Text(reader, 3), reader.IsDBNull(4) ? 0 : reader.GetInt64(4), Text(reader, 5));
            }

            while (await reader.NextResultAsync())
            {
            }
        }

        return outcomes;
    }

    private static string? Text(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private sealed class WorkItem(LedgerCall call, CancellationToken cancellationToken)
    {
        public LedgerCall Call { get; } = call;

        public TaskCompletionSource<LedgerOutcome> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool CancelIfRequested() => cancellationToken.IsCancellationRequested && Completion.TrySetCanceled(cancellationToken);

        public void Fail(Exception exception) => Completion.TrySetException(exception);
    }
}
