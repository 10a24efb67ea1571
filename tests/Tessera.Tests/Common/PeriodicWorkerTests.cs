using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Tessera.Common;

namespace Tessera.Tests.Common;

/// <summary>The one periodic-worker loop: interval from the subclass (options), the injected clock, failures logged and survived, a clean stop.</summary>
public sealed class PeriodicWorkerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_pass_that_throws_a_database_error_is_logged_and_the_next_pass_runs_after_the_interval()
    {
        var time = new FakeTimeProvider();
        var logger = new ListLogger();
        using var worker = new Worker(time, logger, TimeSpan.FromMinutes(1))
        {
            Passes = { () => throw new SqliteException("database is locked", 5), () => { } },
        };
        await worker.StartAsync(Ct);

        await AdvanceUntilAsync(time, TimeSpan.FromMinutes(1), () => worker.Completed >= 1);

        Assert.Equal(2, worker.Started);
        var failure = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Error, failure.Level);
        Assert.IsType<SqliteException>(failure.Exception);
        Assert.Contains(nameof(Worker), failure.Message, StringComparison.Ordinal);
        Assert.False(worker.ExecuteTask!.IsCompleted);
        await worker.StopAsync(Ct);
    }

    [Fact]
    public async Task No_pass_runs_before_the_first_interval_and_one_runs_per_interval()
    {
        var time = new FakeTimeProvider();
        using var worker = new Worker(time, new ListLogger(), TimeSpan.FromMinutes(10)) { Passes = { () => { }, () => { } } };
        await worker.StartAsync(Ct);
        await Task.Delay(50, Ct);
        time.Advance(TimeSpan.FromMinutes(9));
        await Task.Delay(50, Ct);
        Assert.Equal(0, worker.Started);

        await AdvanceUntilAsync(time, TimeSpan.FromMinutes(1), () => worker.Completed >= 1);
        Assert.Equal(1, worker.Completed);
        await worker.StopAsync(Ct);
    }

    [Fact]
    public async Task Stopping_the_host_ends_the_loop_cleanly_while_it_waits()
    {
        using var worker = new Worker(new FakeTimeProvider(), new ListLogger(), TimeSpan.FromHours(1));
        await worker.StartAsync(Ct);
        await worker.Waiting.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        await worker.StopAsync(Ct);
        Assert.True(worker.ExecuteTask!.IsCompletedSuccessfully);
        Assert.Equal(0, worker.Started);
    }

    [Fact]
    public async Task A_zero_interval_switches_the_worker_off()
    {
        using var worker = new Worker(new FakeTimeProvider(), new ListLogger(), TimeSpan.Zero) { RunFirst = true };
        await worker.StartAsync(Ct);
        await worker.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.True(worker.ExecuteTask.IsCompletedSuccessfully);
        Assert.Equal(0, worker.Started);
    }

    /// <summary>Advances the fake clock by <paramref name="step"/> until <paramref name="done"/> (the worker's wait may register a moment after a pass).</summary>
    private static async Task AdvanceUntilAsync(FakeTimeProvider time, TimeSpan step, Func<bool> done)
    {
        for (var i = 0; i < 500 && !done(); i++)
        {
            time.Advance(step);
            await Task.Delay(10, Ct);
        }

        Assert.True(done(), "the worker did not get there");
    }

    private sealed class Worker(TimeProvider time, ILogger logger, TimeSpan interval) : PeriodicWorker(time, logger)
    {
        private int _started;
        private int _completed;

        public List<Action> Passes { get; } = [];

        public TaskCompletionSource Waiting { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool RunFirst { get; init; }

        public int Started => Volatile.Read(ref _started);

        public int Completed => Volatile.Read(ref _completed);

        protected override TimeSpan Interval => interval;

        protected override bool RunAtStart => RunFirst;

        protected override Task WaitAsync(TimeSpan wait, CancellationToken cancellationToken)
        {
            Waiting.TrySetResult();
            return base.WaitAsync(wait, cancellationToken);
        }

        protected override Task<bool> PassAsync(CancellationToken cancellationToken)
        {
            var index = Interlocked.Increment(ref _started) - 1;
            if (index < Passes.Count)
            {
                Passes[index]();
            }

            Interlocked.Increment(ref _completed);
            return Task.FromResult(false);
        }
    }

    private sealed class ListLogger : ILogger
    {
        private readonly List<(LogLevel Level, string Message, Exception? Exception)> _entries = [];

        public IReadOnlyList<(LogLevel Level, string Message, Exception? Exception)> Entries
        {
            get
            {
                lock (_entries)
                {
                    return [.. _entries];
                }
            }
        }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_entries)
            {
                _entries.Add((logLevel, formatter(state, exception), exception));
            }
        }
    }
}
