using System.Threading.Channels;

namespace Tessera.Webhooks;

/// <summary>Wakes this node's delivery worker: at once on a local enqueue, or when a retry due soon comes due.</summary>
public sealed class WebhookSignal
{
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Notify() => _wake.Writer.TryWrite(true);

    public void NotifyAfter(TimeSpan delay, TimeProvider time)
    {
        if (delay <= TimeSpan.Zero)
        {
            Notify();
            return;
        }

        _ = Task.Delay(delay, time).ContinueWith(_ => Notify(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Waits for a wake-up or <paramref name="timeout"/>, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        if (_wake.Reader.TryRead(out _))
        {
            return;
        }

        using var timer = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        try
        {
            await _wake.Reader.WaitToReadAsync(linked.Token);
            _wake.Reader.TryRead(out _);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // the poll interval passed: look for work enqueued by other nodes
        }
    }
}
