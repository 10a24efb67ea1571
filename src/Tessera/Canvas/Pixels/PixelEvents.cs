using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Tessera.Canvas.Pixels;

/// <summary>
/// In-process broadcast of applied writes to live subscribers (the SSE stream). Each subscriber has a bounded queue;
/// one that falls too far behind is dropped and its client reconnects with <c>Last-Event-ID</c>, missing nothing,
/// because the database log fills the gap.
/// </summary>
public sealed class PixelEvents
{
    private const int QueueLength = 1024;

    private readonly ConcurrentDictionary<Channel<PixelEvent>, string> _subscribers = new();

    public ChannelReader<PixelEvent> Subscribe(string canvas, CancellationToken unsubscribe)
    {
        var channel = Channel.CreateBounded<PixelEvent>(new BoundedChannelOptions(QueueLength) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        _subscribers[channel] = canvas;
        unsubscribe.Register(() =>
        {
            _subscribers.TryRemove(channel, out _);
            channel.Writer.TryComplete();
        });
        return channel.Reader;
    }

    public void Publish(PixelEvent change)
    {
        foreach (var (channel, canvas) in _subscribers)
        {
            if (canvas == change.Canvas && !channel.Writer.TryWrite(change))
            {
                _subscribers.TryRemove(channel, out _);
                channel.Writer.TryComplete(new InvalidOperationException("subscriber fell behind"));
            }
        }
    }
}
