using System.Data.Common;
using Tessera.Storage;

namespace Tessera.Ledger;

/// <summary>
/// One write transaction the ledger's operations run in. Commands come from <see cref="Sql"/>; the session disposes
/// the ones it makes. On the SQLite group-commit writer the commands are cached per SQL text on its long-lived
/// connection, so each statement is prepared once per process rather than once per operation.
/// </summary>
internal sealed class LedgerSession(DbConnection connection, DbTransaction transaction, bool isPostgres, Dictionary<string, DbCommand>? cache)
    : IDisposable
{
    private readonly List<DbCommand> _owned = [];

    public bool IsPostgres { get; } = isPostgres;

    /// <summary>Row locks where the database has them (PostgreSQL); SQLite's writer lock already covers the whole file.</summary>
    public string ForUpdate => IsPostgres ? " FOR UPDATE" : "";

    public DbCommand Sql(string sql)
    {
        if (cache is null)
        {
            var command = connection.Command(sql, transaction);
            _owned.Add(command);
            return command;
        }

        if (!cache.TryGetValue(sql, out var cached))
        {
            cached = connection.CreateCommand();
            cached.CommandText = sql;
            cache[sql] = cached;
        }

        cached.Transaction = transaction;
        cached.Parameters.Clear();
        return cached;
    }

    public void Dispose()
    {
        foreach (var command in _owned)
        {
            command.Dispose();
        }

        _owned.Clear();
    }
}
