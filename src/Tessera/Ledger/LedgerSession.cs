using System.Data.Common;
using Npgsql;
using Tessera.Common;
using Tessera.Storage;

namespace Tessera.Ledger;

/// <summary>
/// One write transaction the ledger's operations run in. Commands come from <see cref="Sql"/>; the session disposes
/// the ones it makes. On the SQLite group-commit writer they come from <paramref name="prepared"/>, kept per SQL text on
/// its long-lived connection, so each statement is prepared once per process rather than once per operation.
/// </summary>
internal sealed class LedgerSession(DbConnection connection, DbTransaction transaction, bool isPostgres, Func<string, DbCommand>? prepared)
    : IDisposable
{
    private readonly WriteCommands _commands = new(connection, transaction, prepared);
    private readonly List<(int Rows, Error Error)> _expected = [];
    private NpgsqlBatch? _batch;

    public bool IsPostgres { get; } = isPostgres;

    /// <summary>Row locks where the database has them (PostgreSQL); SQLite's writer lock already covers the whole file.</summary>
    public string ForUpdate => IsPostgres ? " FOR UPDATE" : "";

    public DbCommand Sql(string sql) => _commands.Sql(sql);

    /// <summary>
    /// A write whose outcome is only checked (rows affected == <paramref name="rows"/>, else <paramref name="error"/>).
    /// SQLite runs it at once (in process, a statement costs microseconds); PostgreSQL queues it, and
    /// <see cref="FlushAsync"/> sends all queued writes in one round trip. Measured on the 2-core dev box:
    /// a hold + post pair went from ~17 round trips to 6, which is what bounds PostgreSQL throughput here.
    /// </summary>
    public async ValueTask<Error?> QueueAsync(string sql, int rows, Error error, params (string Name, object? Value)[] parameters)
    {
        if (!IsPostgres)
        {
            var command = Sql(sql);
            Bind(command, parameters);
            return await command.ExecuteNonQueryAsync() == rows ? null : error;
        }

        _batch ??= new NpgsqlBatch((NpgsqlConnection)connection, (NpgsqlTransaction)transaction);
        var queued = new NpgsqlBatchCommand(sql);
        foreach (var (name, value) in parameters)
        {
            queued.Parameters.Add(new NpgsqlParameter(name, value ?? DBNull.Value));
        }

        _batch.BatchCommands.Add(queued);
        _expected.Add((rows, error));
        return null;
    }

    /// <summary>Sends the queued writes; the first whose row count is not the expected one names the error.</summary>
    public async ValueTask<Error?> FlushAsync()
    {
        if (_batch is null || _batch.BatchCommands.Count == 0)
        {
            return null;
        }

        await _batch.ExecuteNonQueryAsync();
        Error? failed = null;
        for (var i = 0; i < _expected.Count && failed is null; i++)
        {
            if (_batch.BatchCommands[i].RecordsAffected != _expected[i].Rows)
            {
                failed = _expected[i].Error;
            }
        }

        _batch.BatchCommands.Clear();
        _expected.Clear();
        return failed;
    }

    public static DbCommand Bind(DbCommand command, (string Name, object? Value)[] parameters)
    {
        foreach (var (name, value) in parameters)
        {
            command.With(name, value);
        }

        return command;
    }

    public void Dispose()
    {
        _batch?.Dispose();
        _commands.Dispose();
    }
}
