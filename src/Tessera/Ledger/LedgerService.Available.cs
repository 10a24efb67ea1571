namespace Tessera.Ledger;

public sealed partial class LedgerService
{
    /// <summary>
    /// What an owner may spend of one currency right now, all pools together: the available column of
    /// <see cref="BalancesAsync"/> summed (posted minus pending debits), in display units. The one read "how much can I
    /// spend" answers with, so a balance route never sums the pools its own way.
    /// </summary>
    public async Task<decimal> AvailableAsync(string ownerId, Currency currency, CancellationToken cancellationToken = default) =>
        (await BalancesAsync(ownerId, cancellationToken)).AvailableOf(currency);
}
