using System.Collections.Concurrent;

namespace Tessera.Common;

/// <summary>
/// At most a given number of things at once per key (an account's previews, its pipelines): one more is refused at
/// once rather than queued, for work whose caller would rather hear "busy" now than wait. Per node; an account's
/// share of one node is what these bounds protect.
/// </summary>
public sealed class PerKeyLimit
{
    private readonly ConcurrentDictionary<string, int> _running = new(StringComparer.Ordinal);

    /// <summary>A turn (dispose it when done; a second dispose is harmless), or null when <paramref name="key"/> already holds <paramref name="limit"/>.</summary>
    public IDisposable? TryEnter(string key, int limit)
    {
        while (true)
        {
            var current = _running.GetOrAdd(key, 0);
            if (current >= limit)
            {
                return null;
            }

            if (_running.TryUpdate(key, current + 1, current))
            {
                return new Turn(this, key);
            }
        }
    }

    private void Leave(string key)
    {
        while (true)
        {
            var current = _running.GetValueOrDefault(key);
            if (current <= 1 ? _running.TryRemove(new KeyValuePair<string, int>(key, current)) : _running.TryUpdate(key, current - 1, current))
            {
                return;
            }
        }
    }

    private sealed class Turn(PerKeyLimit limit, string key) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                limit.Leave(key);
            }
        }
    }
}
