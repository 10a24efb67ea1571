using System.Data.Common;
using Tessera.Common;

namespace Tessera.Ledger;

/// <summary>The statements operations are built from.</summary>
public sealed partial class LedgerService
{
    private static async Task<int> ExecuteAsync(LedgerSession session, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = Bind(session.Sql(sql), parameters);
        return await command.ExecuteNonQueryAsync();
    }

    private static DbCommand Bind(DbCommand command, (string Name, object? Value)[] parameters) => LedgerSession.Bind(command, parameters);

    /// <summary>Queues a write that must touch exactly one row (see <see cref="LedgerSession.QueueAsync"/>).</summary>
    private static ValueTask<Error?> QueueAsync(LedgerSession session, string sql, Error error, params (string Name, object? Value)[] parameters) =>
        session.QueueAsync(sql, 1, error, parameters);

    private async Task<long> InsertTransferAsync(LedgerSession session, long debit, long credit, long amount, string kind, string? holdId, string? reason)
    {
        var command = Bind(session.Sql(LedgerSql.InsertTransfer),
        [
            ("@debit", debit), ("@credit", credit), ("@amount", amount), ("@kind", kind), ("@hold", holdId), ("@reason", reason), ("@now", Now),
        ]);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Splits a debit over a user's accounts in spending order (credits: monthly first, then purchased). On PostgreSQL
    /// the rows are locked (in id order, so two spenders never deadlock) before their balances are read.
    /// </summary>
    private static async Task<Result<List<(long Account, long Amount)>>> PlanLegsAsync(LedgerSession session, long[] accounts, long amount, Currency currency)
    {
        var available = new Dictionary<long, long>(2);
        var command = Bind(session.Sql(LedgerSql.ReadAvailable + session.ForUpdate),
            [("@a", accounts[0]), ("@b", accounts[^1])]);
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                available[reader.GetInt64(0)] = reader.GetInt64(1);
            }
        }

        var legs = new List<(long, long)>(accounts.Length);
        var remaining = amount;
        foreach (var account in accounts)
        {
            var take = Math.Min(remaining, Math.Max(0, available.GetValueOrDefault(account)));
            if (take > 0)
            {
                legs.Add((account, take));
                remaining -= take;
            }
        }

        return remaining == 0 ? legs : LedgerErrors.InsufficientCredits(currency.Name);
    }
}
