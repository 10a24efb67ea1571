using Microsoft.Extensions.Options;
using Tessera.Common;

namespace Tessera.Http.Idempotency;

/// <summary>
/// Forgets idempotency records older than 24 h, at start and every <see cref="HttpOptions.IdempotencySweepInterval"/> (any
/// node; deleting twice is harmless). A failed sweep (database busy) is logged and retried, never ends the loop.
/// </summary>
internal sealed class IdempotencySweep(IdempotencyStore store, TimeProvider time, IOptions<HttpOptions> options, ILogger<IdempotencySweep> logger)
    : PeriodicWorker(time, logger)
{
    protected override TimeSpan Interval => options.Value.IdempotencySweepInterval;

    protected override bool RunAtStart => true;

    protected override async Task<bool> PassAsync(CancellationToken cancellationToken)
    {
        var cutoff = Time.GetUtcNow().Subtract(IdempotencyMiddleware.Lifetime).ToUnixTimeMilliseconds();
        await store.DeleteOlderThanAsync(cutoff, cancellationToken);
        return false;
    }
}
