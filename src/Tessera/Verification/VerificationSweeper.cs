using Microsoft.Extensions.Options;
using Tessera.Common;

namespace Tessera.Verification;

/// <summary>Deletes long-expired sessions and tokens every <see cref="VerificationOptions.SweepInterval"/>, so the tables stay small.</summary>
internal sealed class VerificationSweeper(VerificationService verification, TimeProvider time, IOptions<VerificationOptions> options, ILogger<VerificationSweeper> logger)
    : PeriodicWorker(time, logger)
{
    protected override TimeSpan Interval => options.Value.SweepInterval;

    protected override async Task<bool> PassAsync(CancellationToken cancellationToken)
    {
        var purged = await verification.PurgeExpiredAsync(cancellationToken);
        if (purged > 0)
        {
            Log.Purged(logger, purged);
        }

        return false;
    }
}
