using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using NetVips;
using Tessera.Benchmarks.Http;
using Tessera.Media;
using Tessera.Storage;

namespace Tessera.Benchmarks.Media;

/// <summary>
/// Issue #13's media figures against a <c>tessera serve</c> child (embedded SQLite, loopback HTTP):
/// uploads/s of distinct ~1 MB JPEGs (4 at once), upload → searchable and upload → analysed latency, and search
/// latency (one client, p50/p99) with <c>assets</c> assets in the account — seeded straight into the server's database
/// through <see cref="MediaStore"/> (the same code path an upload's row takes), with names and tags drawn from a
/// 2,000-word vocabulary and three dominant colours each. Run:
/// <c>dotnet run -c Release --project bench/Tessera.Benchmarks -- media [assets] [uploads] [queries]</c>.
/// </summary>
public static class MediaLibraryBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var assets = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
        var uploads = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 60;
        var queries = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 500;
        await using var server = await ServerUnderTest.StartAsync(18631, ServerUnderTest.UnlimitedOcean);
        var (account, key) = await server.UserAsync("media bench");
        using var client = LoadRunner.CreateClient(server.Address, 8);
        client.DefaultRequestHeaders.Add("X-API-Key", key);

        await UploadsAsync(client, uploads);
        await SeedAsync(server, account, assets);
        await SearchAsync(client, queries);
        Console.WriteLine(FormattableString.Invariant($"load average: {File.ReadAllText("/proc/loadavg").Trim()}"));
        return 0;
    }

    private static async Task UploadsAsync(HttpClient client, int count)
    {
        var jpegs = Enumerable.Range(0, count).Select(Jpeg).ToArray();
        Console.WriteLine(FormattableString.Invariant($"uploads: {count} JPEGs of {jpegs.Average(j => j.Length) / 1024 / 1024:F2} MB, 4 at once"));
        var clock = Stopwatch.StartNew();
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, ct) =>
        {
            using var response = await client.SendAsync(Upload(jpegs[i], $"warmup{i}"), ct);
            response.EnsureSuccessStatusCode();
        });
        Console.WriteLine(FormattableString.Invariant($"  {count / clock.Elapsed.TotalSeconds:F1} uploads/s"));

        var searchable = new List<double>();
        var analysed = new List<double>();
        for (var i = 0; i < 10; i++)
        {
            var name = "probe" + Guid.NewGuid().ToString("N")[..12];
            var start = Stopwatch.StartNew();
            using var response = await client.SendAsync(Upload(Jpeg(10_000 + i), name));
            var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("media_id").GetInt64();
            while ((await client.GetFromJsonAsync<JsonElement>($"/ocean/api/media/search?q={name}")).GetProperty("total").GetInt64() == 0)
            {
                await Task.Delay(5);
            }

            searchable.Add(start.Elapsed.TotalMilliseconds);
            while ((await client.GetFromJsonAsync<JsonElement>($"/ocean/api/media/{id}")).GetProperty("media").GetProperty("analysis").GetString() == "pending")
            {
                await Task.Delay(20);
            }

            analysed.Add(start.Elapsed.TotalMilliseconds);
        }

        Console.WriteLine(FormattableString.Invariant(
            $"  upload → searchable: median {LoadRunner.Median(searchable):F0} ms; upload → analysed: median {LoadRunner.Median(analysed):F0} ms (10 probes)"));
    }

    private static async Task SeedAsync(ServerUnderTest server, string account, int count)
    {
        var clock = Stopwatch.StartNew();
        await using var database = new TesseraDatabase(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(server.DataDirectory, "tessera.db")}");
        var store = new MediaStore(database, TimeProvider.System);
        var type = new AssetType(AssetKind.Image, "image/jpeg", "jpg");
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (i, ct) =>
        {
            string Word() => Vocabulary[Random.Shared.Next(Vocabulary.Length)];
            var tags = new[] { Word(), Word(), Word() }.Distinct().ToList();
            var inserted = await store.InsertAsync(
                new NewMediaAsset(account, (i % 1000).ToString("x64", CultureInfo.InvariantCulture), $"{Word()} {Word()} {Word()}", "seed.jpg", "group" + (i % 50), null, type, 1000, 640, 480, tags),
                int.MaxValue, ct);
            var colours = Enumerable.Range(0, 3).Select(_ => (L: Random.Shared.NextDouble() * 100, A: Random.Shared.NextDouble() * 200 - 100, B: Random.Shared.NextDouble() * 200 - 100, Share: 0.3)).ToList();
            await store.SaveAnalysisAsync(inserted.Value.Id, new MediaAnalysisResult(640, 480, [], colours, (ulong)Random.Shared.NextInt64(), null, null, false), ct);
        });
        Console.WriteLine(FormattableString.Invariant($"seeded {count} assets in {clock.Elapsed.TotalSeconds:F0} s"));
    }

    private static async Task SearchAsync(HttpClient client, int queries)
    {
        var random = new Random(21);
        foreach (var (label, query) in new (string, Func<string>)[]
        {
            ("text (one word)", () => "q=" + Vocabulary[random.Next(Vocabulary.Length)]),
            ("text (two word prefixes)", () => $"q={Vocabulary[random.Next(Vocabulary.Length)][..3]}%20{Vocabulary[random.Next(Vocabulary.Length)][..3]}"),
            ("tag", () => "tag=" + Vocabulary[random.Next(Vocabulary.Length)]),
            ("colour", () => $"color=%23{random.Next(0x1000000):x6}"),
            ("list page", () => $"offset={random.Next(1000)}"),
        })
        {
            var latencies = new List<double>(queries);
            for (var i = 0; i < queries; i++)
            {
                var clock = Stopwatch.StartNew();
                using var response = await client.GetAsync($"/ocean/api/media/search?{query()}&limit=50");
                response.EnsureSuccessStatusCode();
                await response.Content.ReadAsByteArrayAsync();
                latencies.Add(clock.Elapsed.TotalMilliseconds);
            }

            latencies.Sort();
            Console.WriteLine(FormattableString.Invariant(
                $"search {label}: p50 {latencies[latencies.Count / 2]:F1} ms, p99 {latencies[(int)(latencies.Count * 0.99) - 1]:F1} ms ({queries} queries)"));
        }
    }

    private static HttpRequestMessage Upload(byte[] jpeg, string name)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(jpeg);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(file, "file", name + ".jpg");
        form.Add(new StringContent(name), "name");
        return new HttpRequestMessage(HttpMethod.Post, "/ocean/api/media/upload") { Content = form };
    }

    /// <summary>A ~1 MB photo-like JPEG (noise over gradients), different for each seed.</summary>
    private static byte[] Jpeg(int seed)
    {
        using var noise = Image.Gaussnoise(1500, 1100, sigma: 40, mean: 128, seed: seed);
        using var gradient = Image.Xyz(1500, 1100);
        using var mixed = (noise + gradient[0] / 8).Cast(Enums.BandFormat.Uchar);
        using var rgb = mixed.Bandjoin(mixed.Rot180(), mixed.Flip(Enums.Direction.Horizontal));
        return rgb.JpegsaveBuffer(q: 97);
    }

    private static readonly string[] Vocabulary = MakeVocabulary();

    private static string[] MakeVocabulary()
    {
        var random = new Random(5);
        const string letters = "abcdefghijklmnopqrstuvwxyz";
        return [.. Enumerable.Range(0, 2000).Select(_ => new string([.. Enumerable.Range(0, random.Next(4, 10)).Select(_ => letters[random.Next(letters.Length)])])).Distinct()];
    }
}
