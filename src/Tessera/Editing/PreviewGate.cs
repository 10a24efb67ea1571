using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Tessera.Editing;

/// <summary>
/// At most <see cref="EditingOptions.MaxConcurrentPreviewsPerAccount"/> previews of one account render at once: a
/// preview is ~50–150 ms of a core, and a page that sent one per pointer move could otherwise take both cores of a
/// small server. One more at the same moment is refused at once (429), not queued: by the time it ran, the layer has
/// moved on and the page has asked for a newer preview. Per node; a per-account bound across nodes needs no more.
/// </summary>
public sealed class PreviewGate(IOptions<EditingOptions> options)
{
    private readonly ConcurrentDictionary<string, int> _running = new(StringComparer.Ordinal);

    /// <summary>A turn (dispose it when the preview is done), or null when the account already renders its share.</summary>
    public IDisposable? TryEnter(string accountId)
    {
        var limit = options.Value.MaxConcurrentPreviewsPerAccount;
        while (true)
        {
            var current = _running.GetOrAdd(accountId, 0);
            if (current >= limit)
            {
                return null;
            }

            if (_running.TryUpdate(accountId, current + 1, current))
            {
                return new Turn(this, accountId);
            }
        }
    }

    private void Leave(string accountId)
    {
        while (true)
        {
            var current = _running.GetValueOrDefault(accountId);
            if (current <= 1 ? _running.TryRemove(new KeyValuePair<string, int>(accountId, current)) : _running.TryUpdate(accountId, current - 1, current))
            {
                return;
            }
        }
    }

    private sealed class Turn(PreviewGate gate, string accountId) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                gate.Leave(accountId);
            }
        }
    }
}
