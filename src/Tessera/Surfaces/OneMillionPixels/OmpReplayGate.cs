using Microsoft.Extensions.Options;

namespace Tessera.Surfaces.OneMillionPixels;

/// <summary>
/// Lets <see cref="OmpStreamOptions.MaxConcurrentReplays"/> stream replays read the log at once. Why: 50 readers
/// replaying 1000-pixel bulks with links, each holding a page of decoded writes, took the server from ~210 MB to
/// ~1.4 GB in the <c>omp-abuse</c> benchmark; a replay waiting its turn holds nothing but its live queue.
/// </summary>
public sealed class OmpReplayGate(IOptions<OmpStreamOptions> options)
{
    private readonly SemaphoreSlim _turns = new(options.Value.MaxConcurrentReplays, options.Value.MaxConcurrentReplays);

    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await _turns.WaitAsync(cancellationToken);
        return new Turn(_turns);
    }

    private sealed class Turn(SemaphoreSlim turns) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                turns.Release();
            }
        }
    }
}
