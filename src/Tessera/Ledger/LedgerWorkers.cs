using Microsoft.Extensions.Options;
using Tessera.Common;

namespace Tessera.Ledger;

/// <summary>Expires holds past their timeout, every ~1 s, on every node (each hold still resolves once).</summary>
internal sealed class HoldExpiryWorker(LedgerService ledger, TimeProvider time, IOptions<LedgerOptions> options, ILogger<HoldExpiryWorker> logger)
    : PeriodicWorker(time, logger)
{
    protected override TimeSpan Interval => options.Value.HoldSweepInterval;

    protected override async Task<bool> PassAsync(CancellationToken cancellationToken)
    {
        var expired = await ledger.ExpireDueAsync(cancellationToken);
        if (expired > 0)
        {
            Log.HoldsExpired(logger, expired);
        }

        return false;
    }
}

/// <summary>Runs due monthly refreshes at start and then every <see cref="LedgerOptions.MonthlyRefreshInterval"/> (zero: off; tests drive the refresh themselves).</summary>
internal sealed class MonthlyRefreshWorker(LedgerService ledger, TimeProvider time, IOptions<LedgerOptions> options, ILogger<MonthlyRefreshWorker> logger)
    : PeriodicWorker(time, logger)
{
    protected override TimeSpan Interval => options.Value.MonthlyRefreshInterval;

    protected override bool RunAtStart => true;

    protected override async Task<bool> PassAsync(CancellationToken cancellationToken)
    {
        foreach (var refresh in await ledger.RefreshMonthlyAsync(cancellationToken))
        {
            Log.MonthlyRefreshed(logger, refresh.OwnerId, refresh.Period, refresh.Expired, refresh.Granted);
        }

        return false;
    }
}
