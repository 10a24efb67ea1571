using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Tessera.Benchmarks.Http;

namespace Tessera.Benchmarks.Scraping;

/// <summary>
/// Issue #14: "crawl a local 200-page site served on loopback by the benchmark (politeness off): pages/s and assets/s,
/// with the ZIP download streamed at ≥ 100 MB/s". The site (Kestrel in this process) is 211 pages three levels deep —
/// the home page links 14 sections, each links 14 articles (the crawl's depth 2) — with two distinct ~100 KB JPEGs per
/// page; robots.txt is absent. A <c>tessera serve</c> child on embedded SQLite crawls it through <c>POST /api/scrape</c>
/// (crawl mode, depth 2, per-host delay 0, 8 at once per host) into the library, polled at <c>/api/jobs/{id}</c>; then
/// <c>/download/{id}</c> streams the job's ZIP, read to the end by one client. Each run is a new account (no cached
/// result). Figures per run and the median of <c>runs</c>. Run:
/// <c>dotnet run -c Release --project bench/Tessera.Benchmarks -- crawl [runs]</c>.
/// </summary>
public static class CrawlBenchmark
{
    private const int Sections = 14;
    private const int ImagesPerPage = 2;

    public static async Task<int> RunAsync(string[] args)
    {
        var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
        var pages = 1 + Sections + Sections * Sections;
        var images = Images(pages * ImagesPerPage);
        Console.WriteLine(FormattableString.Invariant(
            $"site: {pages} pages, {images.Length} JPEGs, {images.Sum(image => (long)image.Length) / 1e6:F1} MB; {Environment.ProcessorCount} cores"));

        var served = 0;
        await using var site = await SiteAsync(images, () => Interlocked.Increment(ref served));
        await using var server = await ServerUnderTest.StartAsync(18641,
        [
            .. ServerUnderTest.UnlimitedOcean,
            "Tessera:Outbound:AllowPrivateNetworks=true",
            "Tessera:Scraping:PerHostDelay=00:00:00",
            "Tessera:Scraping:MaxCrawlDelay=00:00:00",
            "Tessera:Scraping:PerHostConcurrency=8",
            "Tessera:Scraping:MaxPages=300",
            "Tessera:Scraping:MaxFiles=1000",
            "Tessera:Scraping:MaxDuration=00:10:00",
            "Tessera:Media:MaxAssetsPerAccount=1000000",
        ]);
        var root = site.Urls.Single();
        var crawl = new List<(double Pages, double Assets, double ZipMbps)>();
        for (var run = 0; run < runs; run++)
        {
            var (_, key) = await server.UserAsync($"crawl {run}");
            using var client = LoadRunner.CreateClient(server.Address, 2);
            client.Timeout = TimeSpan.FromMinutes(10);
            client.DefaultRequestHeaders.Add("X-API-Key", key);
            served = 0;
            var clock = Stopwatch.StartNew();
            using var submitted = await client.PostAsJsonAsync("/ocean/api/scrape",
                new { url = root + "/", sniper_mode = false, crawl_depth = 2, max_files = images.Length });
            var job = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("job_id").GetInt64();
            JsonElement status;
            while ((status = await client.GetFromJsonAsync<JsonElement>($"/ocean/api/jobs/{job}")).GetProperty("status").GetString() is "queued" or "processing")
            {
                await Task.Delay(20);
            }

            var seconds = clock.Elapsed.TotalSeconds;
            var kept = status.GetProperty("assets").GetProperty("count").GetInt32();
            if (status.GetProperty("status").GetString() != "completed" || kept != images.Length)
            {
                Console.Error.WriteLine($"the crawl kept {kept} of {images.Length} files: {status}");
                return 1;
            }

            var pageCount = served;
            clock.Restart();
            using var zip = await client.GetAsync($"/ocean/download/{job}", HttpCompletionOption.ResponseHeadersRead);
            zip.EnsureSuccessStatusCode();
            await using var body = await zip.Content.ReadAsStreamAsync();
            var buffer = new byte[81920];
            long bytes = 0;
            int read;
            while ((read = await body.ReadAsync(buffer)) > 0)
            {
                bytes += read;
            }

            var zipSeconds = clock.Elapsed.TotalSeconds;
            crawl.Add((pageCount / seconds, kept / seconds, bytes / 1e6 / zipSeconds));
            Console.WriteLine(FormattableString.Invariant(
                $"run {run + 1}: {pageCount} pages and {kept} files in {seconds:F2} s: {pageCount / seconds:F1} pages/s, {kept / seconds:F1} assets/s; ZIP {bytes / 1e6:F1} MB in {zipSeconds:F2} s = {bytes / 1e6 / zipSeconds:F0} MB/s"));
        }

        Console.WriteLine(FormattableString.Invariant(
            $"median of {runs}: {LoadRunner.Median(crawl.Select(c => c.Pages)):F1} pages/s, {LoadRunner.Median(crawl.Select(c => c.Assets)):F1} assets/s, ZIP {LoadRunner.Median(crawl.Select(c => c.ZipMbps)):F0} MB/s (aim ≥ 100 MB/s)"));
        Console.WriteLine($"load average: {File.ReadAllText("/proc/loadavg").Trim()}");
        return 0;
    }

    /// <summary>Distinct noisy JPEGs (noise does not compress: ~100 KB each, a web photo's size).</summary>
    private static byte[][] Images(int count) =>
    [
        .. Enumerable.Range(0, count).Select(i =>
        {
            using var noise = NetVips.Image.Gaussnoise(480, 360, mean: 128, sigma: 40 + (i % 7));
            using var colour = noise.Bandjoin(noise.Rot180(), noise.Flip(NetVips.Enums.Direction.Horizontal)).Cast(NetVips.Enums.BandFormat.Uchar);
            return colour.JpegsaveBuffer(q: 80 + (i % 10));
        }),
    ];

    private static async Task<WebApplication> SiteAsync(byte[][] images, Action onPage)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            if (context.Request.Path == "/" || context.Request.Path.StartsWithSegments("/s"))
            {
                onPage(); // an HTML page (not robots.txt, not an image)
            }

            await next(context);
        });
        app.MapGet("/", () => Page("home", 0, Enumerable.Range(0, Sections).Select(s => $"/s/{s}")));
        app.MapGet("/s/{s:int}", (int s) => Page($"section {s}", 1 + s, Enumerable.Range(0, Sections).Select(a => $"/s/{s}/{a}")));
        app.MapGet("/s/{s:int}/{a:int}", (int s, int a) => Page($"article {s}.{a}", 1 + Sections + s * Sections + a, []));
        app.MapGet("/img/{n:int}.jpg", (int n) => n < images.Length ? Results.Bytes(images[n], "image/jpeg") : Results.NotFound());
        await app.StartAsync();
        return app;
    }

    private static IResult Page(string title, int number, IEnumerable<string> links)
    {
        var html = new StringBuilder($"<html><head><title>{title}</title></head><body><h1>{title}</h1>");
        for (var k = 0; k < ImagesPerPage; k++)
        {
            html.Append(CultureInfo.InvariantCulture, $"<img src=\"/img/{number * ImagesPerPage + k}.jpg\" alt=\"\">");
        }

        foreach (var link in links)
        {
            html.Append(CultureInfo.InvariantCulture, $"<a href=\"{link}\">{link}</a> ");
        }

        return Results.Content(html.Append("</body></html>").ToString(), "text/html; charset=utf-8");
    }
}
