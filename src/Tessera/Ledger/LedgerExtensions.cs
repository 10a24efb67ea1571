namespace Tessera.Ledger;

public static class LedgerExtensions
{
    /// <summary>The ledger service and its two workers (hold expiry, monthly refresh).</summary>
    public static IHostApplicationBuilder AddLedger(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<LedgerOptions>().BindConfiguration(LedgerOptions.Section);
        builder.Services.AddSingleton<LedgerService>();
        builder.Services.AddHostedService<HoldExpiryWorker>();
        builder.Services.AddHostedService<MonthlyRefreshWorker>();
        return builder;
    }
}
