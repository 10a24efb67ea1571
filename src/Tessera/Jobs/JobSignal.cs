namespace Tessera.Jobs;

/// <summary>
/// Wakes this node's worker at once when a job is submitted here or a slot frees up (other nodes' submits are found by
/// polling). Many notifications before the worker wakes collapse into one wake: it claims everything due anyway.
/// </summary>
internal sealed class JobSignal
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);
    private int _set;

    public void Notify()
    {
        // Only the caller that flips 0 → 1 releases, so the semaphore never overflows (no exception on the hot path).
        if (Interlocked.Exchange(ref _set, 1) == 0)
        {
            _semaphore.Release();
        }
    }

    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        await _semaphore.WaitAsync(timeout, cancellationToken);
        // Reset after waking: a notify that came in between is covered by the claim the worker makes next.
        Interlocked.Exchange(ref _set, 0);
    }
}
