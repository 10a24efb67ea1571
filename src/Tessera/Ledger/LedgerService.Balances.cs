using Tessera.Storage;

namespace Tessera.Ledger;

public sealed partial class LedgerService
{
    private const string BalancesSql = """
        SELECT currency, pool, SUM(credits_posted - debits_posted), SUM(debits_pending)
        FROM ledger_accounts WHERE owner_id = @owner GROUP BY currency, pool
        """;

    /// <summary>Every currency and pool of an owner (zeros where nothing moved yet): posted, held, available.</summary>
    public async Task<IReadOnlyList<LedgerBalance>> BalancesAsync(string ownerId, CancellationToken cancellationToken = default)
    {
        var found = new Dictionary<(string, string), (long Posted, long Held)>();
        await using (var connection = await _database.OpenAsync(cancellationToken))
        await using (var command = connection.Command(BalancesSql).With("@owner", ownerId))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                found[(reader.GetString(0), reader.GetString(1))] = (Long(reader, 2), Long(reader, 3));
            }
        }

        var balances = new List<LedgerBalance>();
        foreach (var currency in Currency.All)
        {
            // System owners hold one (sharded) account per currency, without pools.
            foreach (var pool in SystemOwners.IsSystem(ownerId) ? [Currency.NoPool] : currency.Pools)
            {
                var (posted, held) = found.GetValueOrDefault((currency.Name, pool));
                balances.Add(new LedgerBalance(
                    currency.Name, pool.Length == 0 ? null : pool, currency.ToDisplay(posted), currency.ToDisplay(held), currency.ToDisplay(posted - held)));
            }
        }

        return balances;
    }
}
