using System.Data.Common;

namespace Tessera.Storage;

/// <summary>
/// The commands one write runs inside its transaction. On the shared SQLite writer they come from
/// <paramref name="prepared"/> (<see cref="SqliteWrite.Prepared"/>: made once per SQL text on its long-lived
/// connection, so each statement is prepared once per process, not once per write); otherwise each is made for this
/// write and disposed with it. Either way a caller binds with <see cref="DbCommandExtensions.With"/>, which overwrites
/// a parameter a kept command already has.
/// </summary>
public sealed class WriteCommands(DbConnection connection, DbTransaction transaction, Func<string, DbCommand>? prepared) : IDisposable
{
    private readonly List<DbCommand> _owned = [];

    public DbConnection Connection => connection;

    public DbTransaction Transaction => transaction;

    /// <summary>The command for <paramref name="sql"/> in this write's transaction; not to be disposed by the caller.</summary>
    public DbCommand Sql(string sql)
    {
        if (prepared is not null)
        {
            return prepared(sql);
        }

        var command = connection.Command(sql, transaction);
        _owned.Add(command);
        return command;
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
