using System.Globalization;
using System.Text;

namespace Tessera.Benchmarks.Http;

/// <summary>
/// The hot read path against nginx in the same run (docs/benchmarks.md, "Hot reads"): a real <c>tessera serve</c>
/// (Release, SQLite, loopback) and nginx serving the same bytes, both loaded by wrk (2 threads, 64 connections), five
/// alternating runs per case, medians and Tessera/nginx ratios printed with the load average. Cases: the cached One
/// Million Pixels canvas PNG (painted with blocks and gradients to a real-looking ~40 KB, not a 3 MB noise canvas) as
/// a 200 and as a 304 (If-None-Match), a Billion Satoshi tile as a 200, and <c>/healthz</c> for the pipeline's floor.
/// The per-IP read limit stays on, lifted to a million a second, so its check is in the measured path.
/// Run: <c>dotnet run -c Release --project bench/Tessera.Benchmarks -- hot-read [seconds per run, default 5] [runs, default 5]</c>.
/// </summary>
public static class HotReadBenchmark
{
    private const int Connections = 64;

    public static async Task<int> RunAsync(string[] args)
    {
        if (!Wrk.Installed)
        {
            Console.WriteLine("wrk is not installed (apt-get install -y wrk)");
            return 1;
        }

        var seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 5;
        var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
        await using var server = await ServerUnderTest.StartAsync(18631, ServerUnderTest.UnlimitedOmp);
        var key = await server.CanvasOwnerKeyAsync();
        using var client = LoadRunner.CreateClient(server.Address, 4);
        await PaintAsync(client, key);

        const string Tile = "/bsap/api/canvas/tiles/0/0/0.png";
        var canvas = await client.GetAsync("/omp/api/canvas");
        var png = await canvas.Content.ReadAsByteArrayAsync();
        var etag = canvas.Headers.ETag!.Tag;
        var tile = await client.GetByteArrayAsync(Tile);
        await using var nginx = await Nginx.StartAsync(new Dictionary<string, byte[]> { ["canvas.png"] = png, ["tile.png"] = tile, ["healthz"] = "ok"u8.ToArray() }, 18632);
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

        return 0;
    }

    /// <summary>
    /// Paints the canvas the way agents do: 40 blocks of 60×60 in flat colours with a few gradient blocks among them,
    /// one 1000-pixel bulk write each (~144 writes). The PNG comes out near 40 KB, the size of the issue's measurement.
    /// </summary>
    private static async Task PaintAsync(HttpClient client, string key)
    {
        var random = new Random(7);
        var pixels = new List<(int X, int Y, uint Colour)>();
        for (var block = 0; block < 40; block++)
        {
            var (left, top) = (random.Next(0, 940), random.Next(0, 940));
            var flat = (uint)random.Next(0x1000000);
            var gradient = block % 4 == 0;
            for (var y = top; y < top + 60; y++)
            {
                for (var x = left; x < left + 60; x++)
                {
                    pixels.Add((x, y, gradient ? (uint)(((x - left) * 4) << 16 | ((y - top) * 4) << 8 | 0x80) : flat));
                }
            }
        }

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
