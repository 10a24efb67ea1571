namespace Tessera.Common;

/// <summary>
/// Lets a fixed number of callers through at once; the rest wait their turn asynchronously, holding no thread. Why:
/// a blocking database call (Microsoft.Data.Sqlite's async methods run synchronously) made by dozens of requests at
/// once holds dozens of pool threads, and a cheap request such as <c>/healthz</c> then waits for a thread to be injected.
/// </summary>
public class TurnGate(int turns)
{
    private readonly SemaphoreSlim _turns = new(turns, turns);

    /// <summary>Turns free right now, for tests and metrics.</summary>
    public int Free => _turns.CurrentCount;

    /// <summary>Waits for a turn; dispose the answer to give it back (a second dispose is harmless).</summary>
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
