namespace Tessera.Ledger;

/// <summary>
/// "Available balance" summed once: what an owner may spend of a currency (one pool, or all its pools together), from the
/// rows of <see cref="LedgerService.BalancesAsync"/>. Every balance route and check reads it through here
/// (<see cref="LedgerService.AvailableAsync"/> or this on rows it already holds), never summing the column its own way.
/// </summary>
public static class LedgerBalances
{
    public static decimal AvailableOf(this IEnumerable<LedgerBalance> balances, Currency currency, string? pool = null) =>
        balances.Where(balance => balance.Currency == currency.Name && (pool is null || balance.Pool == pool)).Sum(balance => balance.Available);
}
