using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using Tessera.Benchmarks.Http;

namespace Tessera.Benchmarks.Canvas;

/// <summary>
/// Issue #11's attack, replayed against a <c>tessera serve</c> child process (embedded SQLite, over loopback HTTP): a
/// canvas with a long history (the same 10,000 pixels rewritten in 1000-pixel bulks, a 100-byte link on each), then
/// 50 SSE readers that resume from the oldest replayable seq and never read, 30 clients calling
/// <c>/api/pixels/history</c> back to back and one writer adding 10 bulks a second, while <c>/healthz</c> latency and
/// the server's RSS (<c>/proc/PID/status</c> VmRSS) are sampled. Prints idle RSS, peak RSS and /healthz p50/p99 per run
/// and their medians. Run: <c>dotnet run -c Release --project bench/Tessera.Benchmarks -- omp-abuse [runs] [seconds] [bulks]</c>.
/// </summary>
public static class OmpAbuseBenchmark
{
    private const int Readers = 50;
    private const int HistoryClients = 30;

    public static async Task<int> RunAsync(string[] args)
    {
        var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1;
        var seconds = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 20;
        var bulks = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 600;
        var results = new List<(double Idle, double Peak, double P50, double P99)>();
        for (var run = 1; run <= runs; run++)
        {
            var result = await RunOnceAsync(seconds, bulks);
            results.Add(result);
            Console.WriteLine(FormattableString.Invariant(
                $"run {run}: idle RSS {result.Idle:F0} MB, peak RSS {result.Peak:F0} MB (+{result.Peak - result.Idle:F0} MB), /healthz p50 {result.P50:F1} ms, p99 {result.P99:F1} ms"));
        }

        Console.WriteLine(FormattableString.Invariant(
            $"median of {runs}: idle RSS {Median(results.Select(r => r.Idle)):F0} MB, peak RSS {Median(results.Select(r => r.Peak)):F0} MB (+{Median(results.Select(r => r.Peak - r.Idle)):F0} MB), /healthz p50 {Median(results.Select(r => r.P50)):F1} ms, p99 {Median(results.Select(r => r.P99)):F1} ms"));
        return 0;
    }

    private static async Task<(double Idle, double Peak, double P50, double P99)> RunOnceAsync(double seconds, int bulks)
    {
        await using var server = await ServerUnderTest.StartAsync(18621, [.. ServerUnderTest.UnlimitedOmp, "Tessera:OneMillionPixels:Stream:MaxPerIp=64"]);
        var key = await server.CanvasOwnerKeyAsync();
        using var client = LoadRunner.CreateClient(server.Address, 64);
        var bearer = "Bearer " + key;

        // The long history: 10,000 pixels (100×100), each rewritten once every 10 bulks.
        var bodies = Enumerable.Range(0, 10).Select(block => Body(block, seed: block)).ToArray();
        var painted = 0;
        await Parallel.ForAsync(0, bulks, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, ct) =>
        {
            using var response = await client.SendAsync(Post(bodies[i % bodies.Length], bearer), ct);
            response.EnsureSuccessStatusCode();
            Interlocked.Increment(ref painted);
        });
        var seq = (await client.GetFromJsonAsync<System.Text.Json.JsonElement>("/omp/api/pixels?x0=0&y0=0&x1=0&y1=0")).GetProperty("seq").GetInt64();

        await Task.Delay(3000);
        var idle = Mb(server.RssBytes());
        var peak = idle;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));

        // 50 readers resuming as far back as the server replays (1000 writes by default), never reading a byte.
        var readers = new List<HttpResponseMessage>();
        using var readerClient = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Readers + 1 }) { BaseAddress = server.Address, Timeout = Timeout.InfiniteTimeSpan };
        for (var i = 0; i < Readers; i++)
        {
            readers.Add(await readerClient.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/omp/api/pixels/stream?since={Math.Max(0, seq - 1000)}"), HttpCompletionOption.ResponseHeadersRead));
        }

        var opened = readers.Count(r => r.IsSuccessStatusCode);
        var random = new Random(7);
        var historyCalls = 0L;
        var history = Enumerable.Range(0, HistoryClients).Select(c => Task.Run(async () =>
        {
            var local = new Random(c);
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    using var response = await client.GetAsync($"/omp/api/pixels/history?x={local.Next(100)}&y={local.Next(100)}", stop.Token);
                    response.EnsureSuccessStatusCode();
                    Interlocked.Increment(ref historyCalls);
                }
                catch (OperationCanceledException)
                {
                }
            }
        })).ToArray();
        var writer = Task.Run(async () =>
        {
            var i = 0;
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    using var response = await client.SendAsync(Post(bodies[i++ % bodies.Length], bearer), stop.Token);
                    await Task.Delay(100, stop.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }
        });

        var latencies = new List<double>();
        using var health = new HttpClient { BaseAddress = server.Address };
        while (!stop.IsCancellationRequested)
        {
            var clock = Stopwatch.StartNew();
            using (var response = await health.GetAsync("/healthz"))
            {
                response.EnsureSuccessStatusCode();
            }

            latencies.Add(clock.Elapsed.TotalMilliseconds);
            peak = Math.Max(peak, Mb(server.RssBytes()));
            await Task.Delay(20);
        }

        await Task.WhenAll([.. history, writer]);
        peak = Math.Max(peak, Mb(server.RssBytes()));
        Console.WriteLine(FormattableString.Invariant(
            $"  painted {painted} bulks (seq {seq}); {opened}/{Readers} streams opened; {historyCalls / seconds:F0} history calls/s; {latencies.Count} /healthz samples"));
        foreach (var reader in readers)
        {
            reader.Dispose();
        }

        latencies.Sort();
        return (idle, peak, Percentile(latencies, 0.50), Percentile(latencies, 0.99));
    }

    private static string Body(int block, int seed)
    {
        var json = new StringBuilder("{\"pixels\":[");
        for (var i = 0; i < 1000; i++)
        {
            var x = i % 100;
            var y = (block * 10) + (i / 100);
            json.Append(i == 0 ? "" : ",").Append(CultureInfo.InvariantCulture, $"{{\"x\":{x},\"y\":{y},\"color\":\"#{(seed * 37 + i) & 0xFFFFFF:X6}\",\"url\":\"https://example.com/{new string('l', 60)}/{seed}/{i}\"}}");
        }

        return json.Append("]}").ToString();
    }

    private static HttpRequestMessage Post(string body, string bearer)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/omp/api/pixels") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Authorization", bearer);
        return request;
    }

    private static double Mb(long bytes) => bytes / 1024.0 / 1024.0;

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static double Median(IEnumerable<double> values) => LoadRunner.Median(values);
}
