using Microsoft.Extensions.Options;

namespace Tessera.Ledger;

/// <summary>Expires holds past their timeout, every ~1 s, on every node (each hold still resolves once).</summary>
internal sealed class HoldExpiryWorker(LedgerService ledger, TimeProvider time, IOptions<LedgerOptions> options, ILogger<HoldExpiryWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Value.HoldSweepInterval, time, stoppingToken);
                var expired = await ledger.ExpireDueAsync(stoppingToken);
                if (expired > 0)
                {
                    Log.HoldsExpired(logger, expired);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A worker outlives one failed sweep; the next one retries.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                Log.WorkerFailed(logger, nameof(HoldExpiryWorker), exception);
            }
        }
    }
}

/// <summary>Runs due monthly refreshes every minute.</summary>
internal sealed class MonthlyRefreshWorker(LedgerService ledger, TimeProvider time, IOptions<LedgerOptions> options, ILogger<MonthlyRefreshWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.MonthlyRefreshInterval <= TimeSpan.Zero)
        {
            return; // switched off (tests drive the refresh themselves)
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var refresh in await ledger.RefreshMonthlyAsync(stoppingToken))
                {
                    Log.MonthlyRefreshed(logger, refresh.OwnerId, refresh.Period, refresh.Expired, refresh.Granted);
                }

                await Task.Delay(options.Value.MonthlyRefreshInterval, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A worker outlives one failed run; the next one retries.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                Log.WorkerFailed(logger, nameof(MonthlyRefreshWorker), exception);
                await Task.Delay(options.Value.MonthlyRefreshInterval, time, stoppingToken);
            }
        }
    }
}
