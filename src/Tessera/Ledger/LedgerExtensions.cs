namespace Tessera.Ledger;

public static class LedgerExtensions
{
    public static IHostApplicationBuilder AddLedger(this IHostApplicationBuilder builder) => builder;
}
