using Tessera.Canvas.Pixels;

namespace Tessera.Tests.Canvas.Pixels;

public sealed class PixelEventsTests
{
    private static PixelEvent Write(long seq) => new("omp", seq, "acc", DateTimeOffset.UnixEpoch, [new PixelChange(0, 0, 0xFF0000, null)]);

    [Fact]
    public async Task A_subscriber_whose_queue_is_full_is_dropped_and_told_while_others_keep_receiving()
    {
        var events = new PixelEvents();
        using var slow = events.Subscribe("omp", queueLength: 2);
        using var fast = events.Subscribe("omp", queueLength: 8);

        events.Publish(Write(1));
        events.Publish(Write(2));
        Assert.False(slow.WasDropped);
        events.Publish(Write(3));

        Assert.True(slow.WasDropped);
        Assert.True(slow.Dropped.IsCancellationRequested);
        Assert.Equal(1, events.Count);

        // What was queued before the drop can still be read; then the queue ends.
        Assert.Equal(1, (await slow.Reader.ReadAsync(TestContext.Current.CancellationToken)).Seq);
        Assert.Equal(2, (await slow.Reader.ReadAsync(TestContext.Current.CancellationToken)).Seq);
        Assert.False(await slow.Reader.WaitToReadAsync(TestContext.Current.CancellationToken));

        Assert.False(fast.WasDropped);
        Assert.Equal(3, fast.Reader.Count);
    }

    [Fact]
    public void Dropping_a_canvas_drops_only_its_subscribers()
    {
        var events = new PixelEvents();
        using var omp = events.Subscribe("omp", 4);
        using var other = events.Subscribe("other", 4);

        events.DropAll("omp");

        Assert.True(omp.WasDropped);
        Assert.False(other.WasDropped);
        Assert.Equal(1, events.Count);
    }

    [Fact]
    public void A_disposed_subscription_leaves_the_broadcast()
    {
        var events = new PixelEvents();
        var subscription = events.Subscribe("omp", 4);
        subscription.Dispose();
        events.Publish(Write(1));
        Assert.Equal(0, events.Count);
    }
}
