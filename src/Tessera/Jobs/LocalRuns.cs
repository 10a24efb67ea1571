using System.Collections.Concurrent;

namespace Tessera.Jobs;

/// <summary>The jobs this node is running, so a cancel on this node stops its run at once (other nodes see the row's flag at their next heartbeat).</summary>
internal sealed class LocalRuns
{
    private readonly ConcurrentDictionary<string, LocalRun> _runs = new(StringComparer.Ordinal);

    public LocalRun Start(string jobId)
    {
        var run = new LocalRun();
        _runs[jobId] = run;
        return run;
    }

    public void End(string jobId, LocalRun run) => _runs.TryRemove(new KeyValuePair<string, LocalRun>(jobId, run));

    public bool Cancel(string jobId)
    {
        if (!_runs.TryGetValue(jobId, out var run))
        {
            return false;
        }

        run.Stop(LocalRun.StopReason.Canceled);
        return true;
    }
}

/// <summary>One run of a job on this node: a token that fires when its owner cancels it or its lease is lost.</summary>
internal sealed class LocalRun : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private int _reason;

    public enum StopReason
    {
        None,
        Canceled,
        LeaseLost,
    }

    public CancellationToken Token => _source.Token;

    public StopReason Reason => (StopReason)Volatile.Read(ref _reason);

    public void Stop(StopReason reason)
    {
        // The first reason wins: a cancel is not turned into a lost lease by the heartbeat that follows it.
        if (Interlocked.CompareExchange(ref _reason, (int)reason, 0) != 0)
        {
            return;
        }

        try
        {
            _source.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The run ended between the lookup and the cancel: nothing left to stop.
        }
    }

    public void Dispose() => _source.Dispose();
}
