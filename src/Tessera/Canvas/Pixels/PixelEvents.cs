using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Tessera.Canvas.Pixels;

/// <summary>
/// In-process broadcast of applied writes to live subscribers (the SSE stream). Each subscriber has a bounded queue
/// of references to the shared events (a slow reader costs its queue's slots, not copies); one whose queue is full
/// is dropped: its queue is completed and its <see cref="PixelSubscription.Dropped"/> token fires, so a handler stuck
/// writing to a client that does not read is woken up to end the connection. A canvas reloaded from a snapshot drops
/// every subscriber the same way (they missed writes that are gone from the log).
/// </summary>
public sealed class PixelEvents
{
    private readonly ConcurrentDictionary<PixelSubscription, string> _subscribers = new();

    public int Count => _subscribers.Count;

    /// <summary>Subscribes to <paramref name="canvas"/> until the subscription is disposed.</summary>
    public PixelSubscription Subscribe(string canvas, int queueLength)
    {
        var subscription = new PixelSubscription(this, queueLength);
        _subscribers[subscription] = canvas;
        return subscription;
    }

    public void Publish(PixelEvent change)
    {
        foreach (var (subscription, canvas) in _subscribers)
        {
            if (canvas == change.Canvas && !subscription.TryWrite(change))
            {
                Drop(subscription);
            }
        }
    }

    /// <summary>Drops every subscriber of <paramref name="canvas"/>: what they were sent no longer leads to its state.</summary>
    public void DropAll(string canvas)
    {
        foreach (var (subscription, subscribed) in _subscribers)
        {
            if (subscribed == canvas)
            {
                Drop(subscription);
            }
        }
    }

    internal void Remove(PixelSubscription subscription) => _subscribers.TryRemove(subscription, out _);

    private void Drop(PixelSubscription subscription)
    {
        Remove(subscription);
        subscription.Drop();
    }
}

/// <summary>One live subscriber: its bounded queue, and a token that fires when it was dropped for falling behind.</summary>
public sealed class PixelSubscription : IDisposable
{
    private readonly PixelEvents _owner;
    private readonly Channel<PixelEvent> _queue;
    private readonly CancellationTokenSource _dropped = new();

    internal PixelSubscription(PixelEvents owner, int queueLength)
    {
        _owner = owner;
        _queue = Channel.CreateBounded<PixelEvent>(new BoundedChannelOptions(queueLength) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    }

    public ChannelReader<PixelEvent> Reader => _queue.Reader;

    public CancellationToken Dropped => _dropped.Token;

    public bool WasDropped => _dropped.IsCancellationRequested;

    public void Dispose()
    {
        _owner.Remove(this);
        _queue.Writer.TryComplete();
        _dropped.Dispose();
    }

    internal bool TryWrite(PixelEvent change) => _queue.Writer.TryWrite(change);

    internal void Drop()
    {
        // Marked dropped before the queue closes: a reader woken by the close must already see WasDropped (the other
        // order let a reader find the queue closed while WasDropped was still false, and fail instead of resyncing).
        try
        {
            _dropped.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Disposed by its handler at the same moment: nobody is left to tell.
        }

        _queue.Writer.TryComplete();
    }
}
