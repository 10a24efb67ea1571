using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tessera.Hosting;
using Tessera.Jobs;
using Tessera.Ledger;

namespace Tessera.Benchmarks.Jobs;

/// <summary>
/// The job queue end to end, in process (no HTTP), embedded SQLite in WAL mode, the built-in no-op engine (a 1×1 PNG):
/// N clients submit jobs of 1 credit each (hold, row), this node's worker claims, runs, stores the output blob, commits,
/// posts the hold. Reports jobs/s from first submit to last completion, and the dispatch latency (submit committed →
/// claimed by a worker, from the module's own histogram) p50/p99 in a second phase at a steady offered rate below
/// capacity (<c>--rate</c>, default 1,000 jobs/s): under the first phase's saturating load every job waits behind the
/// backlog, so its latency would measure the backlog, not the dispatch.
/// Run: <c>dotnet run -c Release --project bench/Tessera.Benchmarks -- jobs [--seconds N] [--clients N] [--concurrency N] [--rate N]</c>.
/// </summary>
internal static class QueueBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = Option(args, "--seconds", 5);
        var clients = Option(args, "--clients", 8);
        var concurrency = Option(args, "--concurrency", 8);
        var rate = Option(args, "--rate", 1000);
        var directory = Path.Combine(Path.GetTempPath(), "tessera-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var app = TesseraApp.Build([
            "--data", directory, "--urls", "http://127.0.0.1:0",
            "--Tessera:AdminKey=bench-admin", "--Tessera:Jobs:NoopModel=true",
            $"--Tessera:Jobs:Concurrency={concurrency}", "--Logging:LogLevel:Default=Warning",
        ]);
        var latencies = new ConcurrentQueue<double>();
        long completed = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == JobsMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) =>
        {
            if (instrument == JobsMetrics.DispatchLatency)
            {
                latencies.Enqueue(value);
            }
        });
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument == JobsMetrics.Succeeded)
            {
                Interlocked.Add(ref completed, value);
            }
        });
        listener.Start();

        try
        {
            await app.StartAsync();
            var jobs = app.Services.GetRequiredService<JobService>();
            var ledger = app.Services.GetRequiredService<LedgerService>();
            var accounts = Enumerable.Range(0, clients).Select(i => $"acc_benchjobs{i}").ToArray();
            foreach (var account in accounts)
            {
                await ledger.GrantAsync(account, "credits", 10_000_000m, "purchased", null);
            }

            var input = JsonSerializer.SerializeToElement(new { prompt = "bench" });
            await MeasureAsync(jobs, accounts, input, TimeSpan.FromSeconds(1), () => Interlocked.Read(ref completed)); // warm-up
            var (submitted, elapsed) = await MeasureAsync(jobs, accounts, input, TimeSpan.FromSeconds(seconds), () => Interlocked.Read(ref completed));
            latencies.Clear();
            var paced = await PacedAsync(jobs, accounts, input, rate, TimeSpan.FromSeconds(seconds), () => Interlocked.Read(ref completed));
            var sorted = latencies.Order().ToArray();
            var audit = await ledger.AuditAsync();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"jobs (in process, SQLite, noop engine, {clients} clients, {concurrency} slots): {submitted} jobs in {elapsed.TotalSeconds:F1} s = {submitted / elapsed.TotalSeconds:F0} jobs/s submit→completed; " +
                $"dispatch latency at {rate} jobs/s offered ({paced} jobs): p50 {Percentile(sorted, 0.50):F1} ms, p99 {Percentile(sorted, 0.99):F1} ms ({sorted.Length} samples); audit ok={audit.Ok}"));
            return audit.Ok ? 0 : 1;
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<(long Submitted, TimeSpan Elapsed)> MeasureAsync(
        JobService jobs, string[] accounts, JsonElement input, TimeSpan duration, Func<long> completed)
    {
        var before = completed();
        long submitted = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(accounts.Select(account => Task.Run(async () =>
        {
            while (clock.Elapsed < duration)
            {
                var result = await jobs.SubmitAsync(new JobSubmission(account, "dojo", "noop", input));
                if (!result.IsSuccess)
                {
                    throw new InvalidOperationException(result.Error.Code);
                }

                Interlocked.Increment(ref submitted);
            }
        })));

        // Throughput counts until the last job submitted has completed, so a growing backlog cannot flatter it.
        while (completed() - before < submitted)
        {
            await Task.Delay(1);
        }

        return (submitted, clock.Elapsed);
    }

    /// <summary>Submits at <paramref name="rate"/> jobs/s (open loop: on a clock, not when the last one finished), spread
    /// over the clients' accounts, then waits for every job to complete.</summary>
    private static async Task<long> PacedAsync(
        JobService jobs, string[] accounts, JsonElement input, int rate, TimeSpan duration, Func<long> completed)
    {
        var before = completed();
        var total = (long)(rate * duration.TotalSeconds);
        var clock = Stopwatch.StartNew();
        var pending = new List<Task>((int)total);
        for (long i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds(i / (double)rate);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed);
            }

            var account = accounts[i % accounts.Length];
            pending.Add(Task.Run(async () =>
            {
                var result = await jobs.SubmitAsync(new JobSubmission(account, "dojo", "noop", input));
                if (!result.IsSuccess)
                {
                    throw new InvalidOperationException(result.Error.Code);
                }
            }));
        }

        await Task.WhenAll(pending);
        while (completed() - before < total)
        {
            await Task.Delay(1);
        }

        return total;
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
