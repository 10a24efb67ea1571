using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Tessera.Common;

/// <summary>
/// The one loop of every sweeper and poller (jobs, holds, monthly refresh, verification, idempotency records, media
/// trash and analysis, pixel compaction): wait <see cref="Interval"/> (read from options before every wait, so a changed
/// setting applies; zero or less switches the worker off), run one pass, repeat. A pass that throws — a database that is
/// locked or unreachable, a bug — is logged with the worker's name and the next pass retries after the interval, so one
/// failure never ends the loop (a <see cref="BackgroundService"/> that throws would stop the host). Stopping the host
/// cancels the wait or the pass and the loop ends without an error. Time comes from the injected
/// <see cref="TimeProvider"/>, so tests drive the waits.
/// </summary>
public abstract partial class PeriodicWorker(TimeProvider time, ILogger logger) : BackgroundService
{
    /// <summary>The injected clock (subclasses read "now" from it too).</summary>
    protected TimeProvider Time { get; } = time;

    /// <summary>The wait between passes; zero or less: the worker does not run.</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>Whether the first pass runs at start instead of after one interval.</summary>
    protected virtual bool RunAtStart => false;

    /// <summary>The name in its log lines.</summary>
    protected virtual string Name => GetType().Name;

    /// <summary>One pass; true when more work is due at once (the next pass starts without waiting).</summary>
    protected abstract Task<bool> PassAsync(CancellationToken cancellationToken);

    /// <summary>The wait between passes (a worker woken by a local signal waits on it instead, up to the interval).</summary>
    protected virtual Task WaitAsync(TimeSpan interval, CancellationToken cancellationToken) => Task.Delay(interval, Time, cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (Interval <= TimeSpan.Zero)
        {
            return;
        }

        var wait = !RunAtStart;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (wait)
                {
                    await WaitAsync(Interval, stoppingToken);
                }

                wait = !await PassAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The worker outlives one failed pass; the next one retries.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                LogPassFailed(logger, Name, exception);
                wait = true;
            }
        }
    }

    [LoggerMessage(EventId = 51, Level = LogLevel.Error, Message = "{Worker}: a pass failed; the next one retries after the interval")]
    private static partial void LogPassFailed(ILogger logger, string worker, Exception exception);
}
