using System.Threading.Channels;

namespace Tessera.Payments.Nwc;

/// <summary>
/// Fans settlement notices out to every open <see cref="IInvoiceBackend.WatchSettlementsAsync"/> enumeration. Each watcher
/// has its own bounded queue (1024 notices; the oldest goes first when a watcher falls that far behind, and it then
/// recovers them through LookupAsync as the interface allows).
/// </summary>
internal sealed class SettlementFeed
{
    private readonly Lock _lock = new();
    private readonly List<Channel<InvoiceSettlement>> _watchers = [];

    public void Publish(InvoiceSettlement settlement)
    {
        lock (_lock)
        {
            foreach (var watcher in _watchers)
            {
                watcher.Writer.TryWrite(settlement);
            }
        }
    }

    public async IAsyncEnumerable<InvoiceSettlement> WatchAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<InvoiceSettlement>(new BoundedChannelOptions(1024) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (_lock)
        {
            _watchers.Add(channel);
        }

        try
        {
            // One watcher never sees the same payment twice (a notification and a settled lookup may both report it).
            var seen = new Nostr.RecentEventIds();
            await foreach (var settlement in channel.Reader.ReadAllAsync(cancellationToken))
            {
                if (seen.Add(settlement.PaymentHash))
                {
                    yield return settlement;
                }
            }
        }
        finally
        {
            lock (_lock)
            {
                _watchers.Remove(channel);
            }
        }
    }
}
