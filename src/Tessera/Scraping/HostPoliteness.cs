using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Tessera.Scraping;

/// <summary>
/// One node's manners towards each host: at most <see cref="ScrapingOptions.PerHostConcurrency"/> requests in flight and
/// at least the host's delay between two starts, shared by every scrape running here. A lease is released by disposing it.
/// </summary>
public sealed class HostPoliteness(IOptions<ScrapingOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, HostSlot> _hosts = new(StringComparer.OrdinalIgnoreCase);

    private sealed class HostSlot(int concurrency)
    {
        public SemaphoreSlim Gate { get; } = new(concurrency, concurrency);

        public readonly Lock Clock = new();

        public long NextStart;
    }

    /// <summary>Waits for the host's turn (a free slot, then its delay since the last start) and returns the slot's lease.</summary>
    public async Task<IDisposable> EnterAsync(string host, TimeSpan? crawlDelay, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var slot = _hosts.GetOrAdd(host, _ => new HostSlot(Math.Max(1, settings.PerHostConcurrency)));
        await slot.Gate.WaitAsync(cancellationToken);
        try
        {
            var delay = crawlDelay is { } asked ? TimeSpan.FromTicks(Math.Clamp(asked.Ticks, settings.PerHostDelay.Ticks, settings.MaxCrawlDelay.Ticks)) : settings.PerHostDelay;
            long wait;
            lock (slot.Clock)
            {
                var now = time.GetUtcNow().UtcTicks;
                var start = Math.Max(now, slot.NextStart);
                slot.NextStart = start + delay.Ticks;
                wait = start - now;
            }

            if (wait > 0)
            {
                await Task.Delay(TimeSpan.FromTicks(wait), time, cancellationToken);
            }

            return new Lease(slot.Gate);
        }
        catch
        {
            slot.Gate.Release();
            throw;
        }
    }

    private sealed class Lease(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
