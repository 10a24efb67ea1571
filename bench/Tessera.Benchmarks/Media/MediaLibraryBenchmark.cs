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
/// in one transaction into the tables an upload and its analysis fill, with names and tags drawn from a
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

    /// <summary>
    /// Writes the assets in one SQLite transaction straight into the tables an upload and its analysis fill (row, tags,
    /// Lab colours with their grid cell, full-text entry): MediaStore's one-asset-per-transaction path took 30 minutes
    /// for 100,000 on a loaded machine, and the figure measured here is the search, not the seeding.
    /// </summary>
    private static async Task SeedAsync(ServerUnderTest server, string account, int count)
    {
        var clock = Stopwatch.StartNew();
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(server.DataDirectory, "tessera.db")};Default Timeout=60");
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        Microsoft.Data.Sqlite.SqliteCommand Command(string sql)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            return command;
        }

        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        using var asset = Command("""
            INSERT INTO media_assets (account_id, blob_hash, name, file_name, group_name, kind, content_type, size, width, height, tags, phash, analysis, created_at, updated_at)
            VALUES ($account, $hash, $name, 'seed.jpg', $group, 'image', 'image/jpeg', 1000, 640, 480, $tags, $phash, 'done', $now, $now) RETURNING id
            """);
        using var tag = Command("INSERT OR IGNORE INTO media_tags (asset_id, account_id, tag) VALUES ($id, $account, $tag)");
        using var colour = Command("INSERT INTO media_colors (asset_id, account_id, rank, l, a, b, share, cell) VALUES ($id, $account, $rank, $l, $a, $b, 0.3, $cell)");
        using var search = Command("INSERT INTO media_search (rowid, name, tags, group_name, ocr_text, labels) VALUES ($id, $name, $tags, $group, NULL, NULL)");
        var random = new Random(7);
        string Word() => Vocabulary[random.Next(Vocabulary.Length)];
        for (var i = 0; i < count; i++)
        {
            var tags = new[] { Word(), Word(), Word() }.Distinct().ToList();
            var name = $"{Word()} {Word()} {Word()}";
            var group = "group" + (i % 50);
            asset.Parameters.Clear();
            asset.Parameters.AddWithValue("$account", account);
            asset.Parameters.AddWithValue("$hash", (i % 1000).ToString("x64", CultureInfo.InvariantCulture));
            asset.Parameters.AddWithValue("$name", name);
            asset.Parameters.AddWithValue("$group", group);
            asset.Parameters.AddWithValue("$tags", JsonSerializer.Serialize(tags));
            asset.Parameters.AddWithValue("$phash", random.NextInt64());
            asset.Parameters.AddWithValue("$now", now + i);
            var id = (long)(await asset.ExecuteScalarAsync())!;
            foreach (var t in tags)
            {
                tag.Parameters.Clear();
                tag.Parameters.AddWithValue("$id", id);
                tag.Parameters.AddWithValue("$account", account);
                tag.Parameters.AddWithValue("$tag", t);
                await tag.ExecuteNonQueryAsync();
            }

            for (var rank = 0; rank < 3; rank++)
            {
                var (l, a, b) = (random.NextDouble() * 100, random.NextDouble() * 200 - 100, random.NextDouble() * 200 - 100);
                colour.Parameters.Clear();
                colour.Parameters.AddWithValue("$id", id);
                colour.Parameters.AddWithValue("$account", account);
                colour.Parameters.AddWithValue("$rank", rank);
                colour.Parameters.AddWithValue("$l", l);
                colour.Parameters.AddWithValue("$a", a);
                colour.Parameters.AddWithValue("$b", b);
                colour.Parameters.AddWithValue("$cell", LabCells.Of(l, a, b));
                await colour.ExecuteNonQueryAsync();
            }

            search.Parameters.Clear();
            search.Parameters.AddWithValue("$id", id);
            search.Parameters.AddWithValue("$name", name);
            search.Parameters.AddWithValue("$tags", string.Join(' ', tags));
            search.Parameters.AddWithValue("$group", group);
            await search.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
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
        return rgb.JpegsaveBuffer(q: 85);
    }

    private static readonly string[] Vocabulary = MakeVocabulary();

    private static string[] MakeVocabulary()
    {
        var random = new Random(5);
        const string letters = "abcdefghijklmnopqrstuvwxyz";
        return [.. Enumerable.Range(0, 2000).Select(_ => new string([.. Enumerable.Range(0, random.Next(4, 10)).Select(_ => letters[random.Next(letters.Length)])])).Distinct()];
    }
}
