namespace Tessera.Http.Idempotency;

/// <summary>Forgets idempotency records older than 24 h, every 10 minutes (any node; deleting twice is harmless).</summary>
internal sealed class IdempotencySweep(IdempotencyStore store, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(10), time);
        try
        {
            do
            {
                var cutoff = time.GetUtcNow().Subtract(IdempotencyMiddleware.Lifetime).ToUnixTimeMilliseconds();
                await store.DeleteOlderThanAsync(cutoff, stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
