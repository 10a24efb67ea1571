using System.Globalization;
using System.Text;
using Tessera.Canvas;
using Tessera.Canvas.Pixels;

namespace Tessera.Benchmarks.Http;

/// <summary>
/// The hot read path against nginx in the same run (docs/benchmarks.md, "Hot reads"): a real <c>tessera serve</c>
/// (Release, SQLite, loopback) and nginx serving the same bytes, both loaded by wrk (2 threads, 64 connections), five
/// alternating runs per case, medians and Tessera/nginx ratios printed with the load average. Cases: the cached One
/// Million Pixels canvas PNG (painted with blocks and gradients to a real-looking ~40 KB, not a 3 MB noise canvas) as
/// a 200 and as a 304 (If-None-Match), a Billion Satoshi tile as a 200, and <c>/healthz</c> for the pipeline's floor;
/// then the canvas painted over with per-pixel gradients (<see cref="CanvasScene.Dense"/>) as a second, larger 200.
/// The per-IP read limit stays on, lifted to a million a second, so its check is in the measured path.
/// Run: <c>dotnet run -c Release --project bench/Tessera.Benchmarks -- hot-read [seconds per run, default 5] [runs, default 5]</c>;
/// <c>hot-read sizes</c> prints the scenes' PNG sizes in process (no server), for tuning the scenes.
/// </summary>
public static class HotReadBenchmark
{
    private const int Connections = 64;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args is ["sizes", ..])
        {
            Console.WriteLine($"realistic {PngSize(CanvasScene.Realistic()) / 1024.0:F1} KB, dense {PngSize(CanvasScene.Dense()) / 1024.0:F1} KB, both {PngSize([.. CanvasScene.Realistic(), .. CanvasScene.Dense()]) / 1024.0:F1} KB");
            return 0;
        }

        if (!Wrk.Installed)
        {
            Console.WriteLine("wrk is not installed (apt-get install -y wrk)");
            return 1;
        }

        var seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 5;
        var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
        // TESSERA_BENCH_PORT moves the three ports (server, nginx, nginx for the dense canvas) off another benchmark's.
        var port = int.TryParse(Environment.GetEnvironmentVariable("TESSERA_BENCH_PORT"), CultureInfo.InvariantCulture, out var configured) ? configured : 18631;
        await using var server = await ServerUnderTest.StartAsync(port, ServerUnderTest.UnlimitedOmp);
        var key = await server.CanvasOwnerKeyAsync();
        using var client = LoadRunner.CreateClient(server.Address, 4);
        await PaintAsync(client, key, CanvasScene.Realistic());

        const string Tile = "/bsap/api/canvas/tiles/0/0/0.png";
        var canvas = await client.GetAsync("/omp/api/canvas");
        var png = await canvas.Content.ReadAsByteArrayAsync();
        var etag = canvas.Headers.ETag!.Tag;
        var tile = await client.GetByteArrayAsync(Tile);
        await using var nginx = await Nginx.StartAsync(new Dictionary<string, byte[]> { ["canvas.png"] = png, ["tile.png"] = tile, ["healthz"] = "ok"u8.ToArray() }, port + 1);
        using var nginxClient = nginx is null ? null : LoadRunner.CreateClient(nginx.Address, 1);
        var nginxEtag = nginxClient is null ? null : (await nginxClient.GetAsync("/canvas.png")).Headers.ETag!.Tag;
        Console.WriteLine($"canvas PNG {png.Length / 1024.0:F1} KB, tile {tile.Length / 1024.0:F1} KB; wrk -t2 -c{Connections}, {runs} runs of {seconds} s each; load average before: {Wrk.LoadAverage()}");

        var cases = new (string Name, string Path, string NginxPath, string? Etag, string? NginxEtag)[]
        {
            ("canvas PNG 200", "/omp/api/canvas", "/canvas.png", null, null),
            ("canvas PNG 304", "/omp/api/canvas", "/canvas.png", etag, nginxEtag),
            ("BSAP tile 200", Tile, "/tile.png", null, null),
            ("/healthz", "/healthz", "/healthz", null, null),
        };
        var duration = TimeSpan.FromSeconds(seconds);
        foreach (var (name, path, nginxPath, tesseraEtag, referenceEtag) in cases)
        {
            await CompareAsync(server, nginx, name, path, nginxPath, tesseraEtag, referenceEtag, duration, runs);
        }

        // The larger canvas: the same blocks painted over with per-pixel gradients, served by nginx as its own file.
        await PaintAsync(client, key, CanvasScene.Dense());
        var dense = await client.GetByteArrayAsync("/omp/api/canvas");
        await using var denseNginx = await Nginx.StartAsync(new Dictionary<string, byte[]> { ["canvas.png"] = dense }, port + 2);
        Console.WriteLine($"dense canvas PNG {dense.Length / 1024.0:F1} KB");
        await CompareAsync(server, denseNginx, $"canvas PNG 200 ({dense.Length / 1024} KB)", "/omp/api/canvas", "/canvas.png", null, null, duration, runs);
        return 0;
    }

    private static async Task CompareAsync(
        ServerUnderTest server, Nginx? nginx, string name, string path, string nginxPath, string? tesseraEtag, string? referenceEtag, TimeSpan duration, int runs)
    {
        var tessera = new List<double>();
        var reference = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            tessera.Add(await Wrk.RunAsync(new Uri(server.Address, path), duration, Connections, ifNoneMatch: tesseraEtag));
            if (nginx is not null)
            {
                reference.Add(await Wrk.RunAsync(new Uri(nginx.Address, nginxPath), duration, Connections, ifNoneMatch: referenceEtag));
            }
        }

        var line = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{name}: Tessera median {LoadRunner.Median(tessera):F0} req/s ({string.Join(", ", tessera.Select(r => r.ToString("F0", CultureInfo.InvariantCulture)))})");
        if (reference.Count > 0)
        {
            var ratio = LoadRunner.Median(tessera) / LoadRunner.Median(reference);
            line.Append(CultureInfo.InvariantCulture, $"; nginx median {LoadRunner.Median(reference):F0} ({string.Join(", ", reference.Select(r => r.ToString("F0", CultureInfo.InvariantCulture)))}); ratio {ratio:F2}x");
        }

        Console.WriteLine(line.Append(CultureInfo.InvariantCulture, $"; load {Wrk.LoadAverage()}"));
    }

    private static int PngSize(List<(int X, int Y, uint Colour)> pixels)
    {
        var state = new CanvasState("omp", new CanvasDefinition { Width = 1000, Height = 1000 });
        state.Apply(new PixelEvent("omp", 1, "bench", DateTimeOffset.UtcNow, [.. pixels.Select(p => new PixelChange(p.X, p.Y, p.Colour, null))]));
        return state.RenderPng().Png.Length;
    }

    /// <summary>Paints <paramref name="pixels"/> through the API, 1000 pixels per bulk write, as agents do.</summary>
    private static async Task PaintAsync(HttpClient client, string key, List<(int X, int Y, uint Colour)> pixels)
    {
        foreach (var chunk in pixels.Chunk(1000))
        {
            var json = new StringBuilder("{\"pixels\":[");
            json.AppendJoin(',', chunk.Select(p => string.Create(CultureInfo.InvariantCulture, $"{{\"x\":{p.X},\"y\":{p.Y},\"color\":\"#{p.Colour:X6}\"}}")));
            using var request = new HttpRequestMessage(HttpMethod.Post, "/omp/api/pixels") { Content = new StringContent(json.Append("]}").ToString(), Encoding.UTF8, "application/json") };
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + key);
            using var response = await client.SendAsync(request);
            response.EnsureSuccessStatusCode();
        }
    }
}
