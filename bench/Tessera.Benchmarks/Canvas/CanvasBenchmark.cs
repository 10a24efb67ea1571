using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Tessera.Benchmarks.Http;

namespace Tessera.Benchmarks.Canvas;

/// <summary>
/// One Million Pixels over HTTP on loopback against a <c>tessera serve</c> child process in embedded mode (SQLite,
/// every write committed before its 200): bulk pixel writes (1000-pixel requests, 4 clients; colours only, then with an
/// https link on every pixel), server RSS with the canvas fully painted, time from a write to the re-rendered PNG,
/// and <c>GET /api/canvas</c> requests/s (200s and 304s) beside nginx serving the same PNG file in the same run.
/// Run: <c>dotnet run -c Release --project bench/Tessera.Benchmarks -- canvas [seconds]</c>.
/// </summary>
public static class CanvasBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 10;
        await using var server = await ServerUnderTest.StartAsync(18611, ServerUnderTest.UnlimitedOmp);
        var key = await server.CanvasOwnerKeyAsync();
        using var client = LoadRunner.CreateClient(server.Address, 16);
        var bearer = "Bearer " + key;

        // Paint every pixel once (1000 rows, one request each): the canvas the memory figure is about.
        var rows = Enumerable.Range(0, 1000).Select(y => Body(Enumerable.Range(0, 1000).Select(x => (x, y)), seed: y, links: false)).ToArray();
        var next = -1;
        await LoadRunner.RunAsync(client, () => Post(rows[Interlocked.Increment(ref next) % rows.Length], bearer), 4, TimeSpan.FromSeconds(3));
        foreach (var row in rows)
        {
            using var response = await client.SendAsync(Post(row, bearer));
            response.EnsureSuccessStatusCode();
        }

        var random = new Random(42);
        var plain = Enumerable.Range(0, 64).Select(i => Body(RandomPixels(random), i, links: false)).ToArray();
        var linked = Enumerable.Range(0, 64).Select(i => Body(RandomPixels(random), i, links: true)).ToArray();
        Console.WriteLine($"bulk body sizes: {plain[0].Length / 1024} KB colours only, {linked[0].Length / 1024} KB with links");

        foreach (var (name, bodies) in new[] { ("colours only", plain), ("https link on every pixel", linked) })
        {
            GC.Collect();
            await Task.Delay(1000);
            Console.WriteLine($"server RSS, canvas fully painted, before the {name} runs: {server.RssBytes() / 1024.0 / 1024.0:F0} MB");
            var runs = new List<double>();
            for (var run = 0; run < 3; run++)
            {
                var i = -1;
                var requests = await LoadRunner.RunAsync(client, () => Post(bodies[Interlocked.Increment(ref i) % bodies.Length], bearer), 4, TimeSpan.FromSeconds(seconds));
                runs.Add(requests * 1000);
                Console.WriteLine($"bulk writes ({name}) run {run + 1}: {requests:F0} requests/s = {requests * 1000:F0} pixels/s");
            }

            Console.WriteLine($"bulk writes ({name}): median {LoadRunner.Median(runs):F0} pixels/s (4 clients, 1000-pixel requests, {seconds}s runs)");
        }

        GC.Collect();
        await Task.Delay(2000);
        Console.WriteLine($"server RSS with the canvas fully painted, a distinct https link on nearly every pixel: {server.RssBytes() / 1024.0 / 1024.0:F0} MB");

        // Write -> re-rendered PNG: the time of the first GET after a write (it re-encodes the touched bands), measured
        // after the write's 200; beside it the same GET when nothing changed (a cached PNG).
        var afterWrite = new List<double>();
        var cached = new List<double>();
        for (var i = 0; i < 30; i++)
        {
            using (var written = await client.SendAsync(Post(plain[i], bearer)))
            {
                written.EnsureSuccessStatusCode();
            }

            afterWrite.Add(await TimeGetAsync(client, "/omp/api/canvas"));
            cached.Add(await TimeGetAsync(client, "/omp/api/canvas"));
        }

        Console.WriteLine($"write -> re-rendered PNG (1000 random pixels all over the canvas, GET right after the 200): median {LoadRunner.Median(afterWrite):F1} ms; cached GET median {LoadRunner.Median(cached):F1} ms");

        // The usual write: an agent paints the rectangle it owns (here 100x10 pixels), which touches one band of rows.
        var local = new List<double>();
        for (var i = 0; i < 30; i++)
        {
            var y0 = (i * 10) % 1000;
            using (var written = await client.SendAsync(Post(Body(Enumerable.Range(0, 1000).Select(p => (200 + p % 100, y0 + p / 100)), 1000 + i, links: false), bearer)))
            {
                written.EnsureSuccessStatusCode();
            }

            local.Add(await TimeGetAsync(client, "/omp/api/canvas"));
        }

        Console.WriteLine($"write -> re-rendered PNG (a 100x10 block, GET right after the 200): median {LoadRunner.Median(local):F1} ms (the cached GET of the same PNG: {LoadRunner.Median(cached):F1} ms)");

        var png = await client.GetByteArrayAsync("/omp/api/canvas");
        var etag = (await client.GetAsync("/omp/api/canvas")).Headers.ETag!.Tag;
        await using var nginx = await Nginx.StartAsync(png, 18612);
        using var nginxClient = nginx is null ? null : LoadRunner.CreateClient(nginx.Address, 16);
        var nginxEtag = nginx is null ? null : (await nginxClient!.GetAsync("/canvas.png")).Headers.ETag!.Tag;
        foreach (var (label, conditional) in new[] { ("200 (full PNG)", false), ("304 (If-None-Match)", true) })
        {
            var tessera = new List<double>();
            var reference = new List<double>();
            for (var run = 0; run < 3; run++)
            {
                tessera.Add(await LoadRunner.RunAsync(client, () => Get("/omp/api/canvas", conditional ? etag : null), 16, TimeSpan.FromSeconds(seconds / 2), conditional ? HttpStatusCode.NotModified : HttpStatusCode.OK));
                if (nginxClient is not null)
                {
                    reference.Add(await LoadRunner.RunAsync(nginxClient, () => Get("/canvas.png", conditional ? nginxEtag : null), 16, TimeSpan.FromSeconds(seconds / 2), conditional ? HttpStatusCode.NotModified : HttpStatusCode.OK));
                }
            }

            var nginxFigure = reference.Count > 0 ? $", nginx {LoadRunner.Median(reference):F0} req/s ({LoadRunner.Median(tessera) / LoadRunner.Median(reference) * 100:F0}%)" : ", nginx not installed";
            Console.WriteLine($"GET /api/canvas {label}: Tessera {LoadRunner.Median(tessera):F0} req/s{nginxFigure} (16 clients, PNG {png.Length / 1024} KB)");
        }

        return 0;
    }

    private static IEnumerable<(int X, int Y)> RandomPixels(Random random) =>
        Enumerable.Range(0, 1000).Select(_ => (random.Next(1000), random.Next(1000)));

    private static byte[] Body(IEnumerable<(int X, int Y)> pixels, int seed, bool links)
    {
        var json = new StringBuilder("{\"pixels\":[");
        var first = true;
        foreach (var (x, y) in pixels)
        {
            json.Append(first ? "" : ",");
            first = false;
            var color = (uint)((x * 7919 + y * 104729 + seed * 31) & 0xFFFFFF);
            json.Append(CultureInfo.InvariantCulture, $"{{\"x\":{x},\"y\":{y},\"color\":\"#{color:X6}\"");
            if (links)
            {
                json.Append(CultureInfo.InvariantCulture, $",\"url\":\"https://example.com/agents/{seed}/{x}-{y}\"");
            }

            json.Append('}');
        }

        return Encoding.UTF8.GetBytes(json.Append("]}").ToString());
    }

    private static HttpRequestMessage Post(byte[] body, string bearer)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/omp/api/pixels") { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        request.Headers.TryAddWithoutValidation("Authorization", bearer);
        return request;
    }

    private static HttpRequestMessage Get(string path, string? etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (etag is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        }

        return request;
    }

    private static async Task<double> TimeGetAsync(HttpClient client, string path)
    {
        var clock = Stopwatch.StartNew();
        using var response = await client.GetAsync(path);
        await response.Content.ReadAsByteArrayAsync();
        return clock.Elapsed.TotalMilliseconds;
    }
}
