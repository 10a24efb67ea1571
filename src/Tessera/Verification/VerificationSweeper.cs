using Microsoft.Extensions.Options;

namespace Tessera.Verification;

/// <summary>Deletes long-expired sessions and tokens every <see cref="VerificationOptions.SweepInterval"/>, so the tables stay small.</summary>
internal sealed class VerificationSweeper(VerificationService verification, TimeProvider time, IOptions<VerificationOptions> options, ILogger<VerificationSweeper> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Value.SweepInterval, time, stoppingToken);
                var purged = await verification.PurgeExpiredAsync(stoppingToken);
                if (purged > 0)
                {
                    Log.Purged(logger, purged);
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
                Log.SweepFailed(logger, exception);
            }
        }
    }
}
