namespace Tessera.Common;

/// <summary>
/// Wakes a background worker at once when there is work for it (work made on other nodes is found by polling). Many
/// notifications before the worker wakes collapse into one wake: it looks for everything due anyway.
/// </summary>
public class WakeSignal
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);
    private int _set;

    public void Wake()
    {
        // Only the caller that flips 0 → 1 releases, so the semaphore never overflows (no exception on the hot path).
        if (Interlocked.Exchange(ref _set, 1) == 0)
        {
            _semaphore.Release();
        }
    }

    /// <summary>Returns when woken or after <paramref name="timeout"/>.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        await _semaphore.WaitAsync(timeout, cancellationToken);
        // Reset after waking: a wake that came in between is covered by the look the worker takes next.
        Interlocked.Exchange(ref _set, 0);
    }
}
