using System.Data.Common;

namespace Tessera.Storage;

/// <summary>Small helpers for hand-written SQL on a <see cref="DbConnection"/> of either provider.</summary>
public static class DbCommandExtensions
{
    public static DbCommand Command(this DbConnection connection, string sql, DbTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    /// <summary>Binds <paramref name="name"/>; on a kept (prepared) command that already has it, overwrites its value.</summary>
    public static DbCommand With(this DbCommand command, string name, object? value)
    {
        if (command.Parameters.Count > 0 && command.Parameters.Contains(name))
        {
            command.Parameters[name].Value = value ?? DBNull.Value;
            return command;
        }

        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return command;
    }

    public static async Task<long> ScalarLongAsync(this DbCommand command, CancellationToken cancellationToken = default)
    {
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is null or DBNull ? 0 : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    // One-shot statements: run, then dispose at once. A command left to the finalizer costs its statement's
    // sqlite3_finalize on the finalizer thread, under the connection's lock — in the queue benchmark a quarter of the
    // busy time went there, much of it contending with the shared SQLite writer.

    public static async Task<int> ExecuteAndDisposeAsync(this DbCommand command, CancellationToken cancellationToken = default)
    {
        await using (command)
        {
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public static async Task<object?> ScalarAndDisposeAsync(this DbCommand command, CancellationToken cancellationToken = default)
    {
        await using (command)
        {
            return await command.ExecuteScalarAsync(cancellationToken);
        }
    }

    public static async Task<long> ScalarLongAndDisposeAsync(this DbCommand command, CancellationToken cancellationToken = default)
    {
        await using (command)
        {
            return await command.ScalarLongAsync(cancellationToken);
        }
    }

    public static int ExecuteAndDispose(this DbCommand command)
    {
        using (command)
        {
            return command.ExecuteNonQuery();
        }
    }

    public static object? ScalarAndDispose(this DbCommand command)
    {
        using (command)
        {
            return command.ExecuteScalar();
        }
    }
}
