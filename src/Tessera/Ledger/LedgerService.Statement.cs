using Tessera.Storage;

namespace Tessera.Ledger;

/// <summary>One posted movement on an owner's account: <see cref="Amount"/> is positive in, negative out.</summary>
public sealed record LedgerEntry(long Id, string Currency, string? Pool, decimal Amount, string Kind, string? Reason, string? HoldId, DateTimeOffset At);

/// <summary>An owner's totals in one currency: everything that came in and went out, what is held, what is available.</summary>
public sealed record LedgerTotals(string Currency, decimal In, decimal Out, decimal Held, decimal Available);

public sealed partial class LedgerService
{
    // Each side is read through its own (account, id) index, newest first, and the two are merged: one query with an
    // OR across both columns would scan the transfers table.
    private const string StatementSql = """
        SELECT id, currency, pool, amount, kind, reason, hold_id, created_at FROM (
            SELECT t.id, a.currency, a.pool, t.amount AS amount, t.kind, t.reason, t.hold_id, t.created_at
            FROM ledger_accounts a JOIN ledger_transfers t ON t.credit_account_id = a.id
            WHERE a.owner_id = @owner AND a.currency IN (@c0, @c1, @c2, @c3) AND t.id < @before
            UNION ALL
            SELECT t.id, a.currency, a.pool, -t.amount AS amount, t.kind, t.reason, t.hold_id, t.created_at
            FROM ledger_accounts a JOIN ledger_transfers t ON t.debit_account_id = a.id
            WHERE a.owner_id = @owner AND a.currency IN (@c0, @c1, @c2, @c3) AND t.id < @before
        ) entries ORDER BY id DESC LIMIT @limit
        """;

    private const string TotalsSql = """
        SELECT currency, SUM(credits_posted), SUM(debits_posted)
        FROM ledger_accounts WHERE owner_id = @owner GROUP BY currency
        """;

    /// <summary>
    /// The owner's posted movements, newest first: at most <paramref name="limit"/> with transfer ids below
    /// <paramref name="before"/> (the last page's smallest id), in <paramref name="currencies"/> (all when empty). Holds appear when
    /// posted (as the transfers they post), not while pending; see <see cref="TotalsAsync"/> for what is held.
    /// </summary>
    public async Task<IReadOnlyList<LedgerEntry>> StatementAsync(
        string ownerId, IReadOnlyList<Currency> currencies, int limit, long? before, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(currencies);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        // A fixed number of slots keeps one statement text for any filter (unused slots repeat a chosen currency).
        var chosen = currencies.Count == 0 ? Currency.All : currencies;
        ArgumentOutOfRangeException.ThrowIfGreaterThan(chosen.Count, 4, nameof(currencies));
        var entries = new List<LedgerEntry>(Math.Min(limit, 256));
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.Command(StatementSql)
            .With("@owner", ownerId).With("@c0", chosen[0].Name).With("@c1", chosen[Math.Min(1, chosen.Count - 1)].Name)
            .With("@c2", chosen[Math.Min(2, chosen.Count - 1)].Name).With("@c3", chosen[Math.Min(3, chosen.Count - 1)].Name).With("@before", before ?? long.MaxValue).With("@limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var money = Currency.Parse(reader.GetString(1));
            var pool = reader.GetString(2);
            entries.Add(new LedgerEntry(
                Id: reader.GetInt64(0),
                Currency: reader.GetString(1),
                Pool: pool.Length == 0 ? null : pool,
                Amount: money.IsSuccess ? money.Value.ToDisplay(reader.GetInt64(3)) : reader.GetInt64(3),
                Kind: reader.GetString(4),
                Reason: reader.IsDBNull(5) ? null : reader.GetString(5),
                HoldId: reader.IsDBNull(6) ? null : reader.GetString(6),
                At: DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7))));
        }

        return entries;
    }

    /// <summary>
    /// The owner's totals per currency (zeros where nothing moved yet), over all pools and shards; held and available
    /// are <see cref="BalancesAsync"/>'s, summed over the pools.
    /// </summary>
    public async Task<IReadOnlyList<LedgerTotals>> TotalsAsync(string ownerId, CancellationToken cancellationToken = default)
    {
        var found = new Dictionary<string, (long In, long Out)>(StringComparer.Ordinal);
        await using (var connection = await _database.OpenAsync(cancellationToken))
        await using (var command = connection.Command(TotalsSql).With("@owner", ownerId))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                found[reader.GetString(0)] = (Long(reader, 1), Long(reader, 2));
            }
        }

        var balances = await BalancesAsync(ownerId, cancellationToken);
        return [.. Currency.All.Select(currency =>
        {
            var (credited, debited) = found.GetValueOrDefault(currency.Name);
            var pools = balances.Where(balance => balance.Currency == currency.Name).ToList();
            return new LedgerTotals(
                currency.Name, currency.ToDisplay(credited), currency.ToDisplay(debited), pools.Sum(pool => pool.Held), pools.Sum(pool => pool.Available));
        })];
    }
}
