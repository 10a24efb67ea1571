using System.Data.Common;
using System.Globalization;
using Tessera.Storage;

namespace Tessera.Ledger;

/// <summary>
/// The audit re-derives what the balance columns claim: every currency sums to zero (posted and pending), no user's
/// available balance is negative, each account's posted columns equal the sum of its transfers, each account's
/// pending columns equal its pending holds, and no hold moved more (or other) money than its resolution says.
/// It reads everything, so it is an operator's tool and a test oracle, not a hot path.
/// </summary>
public sealed partial class LedgerService
{
    private const string CurrencySumsSql = """
        SELECT currency, SUM(credits_posted - debits_posted), SUM(credits_pending - debits_pending),
               SUM(CASE WHEN system = 0 AND credits_posted - debits_posted - debits_pending < 0 THEN 1 ELSE 0 END), COUNT(*)
        FROM ledger_accounts GROUP BY currency ORDER BY currency
        """;

    // Grouped scans rather than correlated subqueries: the transfer table carries no per-account or per-hold index
    // (each index costs every write a page; the audit is the only reader), so one pass per aggregate keeps it linear.
    private const string PostedMismatchesSql = """
        SELECT COUNT(*) FROM ledger_accounts a
        LEFT JOIN (SELECT debit_account_id AS id, SUM(amount) AS total FROM ledger_transfers GROUP BY debit_account_id) d ON d.id = a.id
        LEFT JOIN (SELECT credit_account_id AS id, SUM(amount) AS total FROM ledger_transfers GROUP BY credit_account_id) c ON c.id = a.id
        WHERE a.debits_posted <> COALESCE(d.total, 0) OR a.credits_posted <> COALESCE(c.total, 0)
        """;

    private const string PendingMismatchesSql = """
        SELECT COUNT(*) FROM ledger_accounts a
        LEFT JOIN (SELECT debit1_account_id AS id, SUM(amount1) AS total FROM ledger_holds WHERE status = 'pending' GROUP BY debit1_account_id) d1 ON d1.id = a.id
        LEFT JOIN (SELECT debit2_account_id AS id, SUM(amount2) AS total FROM ledger_holds WHERE status = 'pending' AND debit2_account_id IS NOT NULL GROUP BY debit2_account_id) d2 ON d2.id = a.id
        LEFT JOIN (SELECT credit_account_id AS id, SUM(amount) AS total FROM ledger_holds WHERE status = 'pending' GROUP BY credit_account_id) c ON c.id = a.id
        WHERE a.debits_pending <> COALESCE(d1.total, 0) + COALESCE(d2.total, 0)
           OR a.credits_pending <> COALESCE(c.total, 0)
        """;

    private const string BadHoldsSql = """
        SELECT COUNT(*) FROM ledger_holds h
        LEFT JOIN (SELECT hold_id, SUM(amount) AS total FROM ledger_transfers WHERE hold_id IS NOT NULL GROUP BY hold_id) t ON t.hold_id = h.id
        WHERE (h.status = 'posted' AND h.posted_amount <> COALESCE(t.total, 0))
           OR (h.status <> 'posted' AND (h.posted_amount <> 0 OR t.hold_id IS NOT NULL))
           OR (h.status = 'pending' AND h.resolved_at IS NOT NULL)
           OR (h.status <> 'pending' AND h.resolved_at IS NULL)
        """;

    public async Task<LedgerAudit> AuditAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        // One snapshot for every query (a read transaction on both providers), so concurrent writes cannot fake a mismatch.
        await using var transaction = _database.IsSqlite
            ? await connection.BeginTransactionAsync(cancellationToken)
            : await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        var currencies = new List<CurrencyAudit>();
        await using (var command = connection.Command(CurrencySumsSql, transaction))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                currencies.Add(new CurrencyAudit(reader.GetString(0), Long(reader, 1), Long(reader, 2), (int)Long(reader, 3), (int)Long(reader, 4)));
            }
        }

        var posted = (int)await Count(connection, transaction, PostedMismatchesSql, cancellationToken);
        var pending = (int)await Count(connection, transaction, PendingMismatchesSql, cancellationToken);
        var badHolds = (int)await Count(connection, transaction, BadHoldsSql, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var ok = posted == 0 && pending == 0 && badHolds == 0 &&
            currencies.All(currency => currency.Sum == 0 && currency.PendingSum == 0 && currency.NegativeAccounts == 0);
        return new LedgerAudit(ok, currencies, badHolds, pending, posted);
    }

    private static long Long(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? 0 : Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    private static async Task<long> Count(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(sql, transaction);
        return await command.ScalarLongAsync(cancellationToken);
    }
}
