using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using NetVips;
using Tessera.Jobs;
using Tessera.Media;
using Tessera.Scraping;
using Tessera.Tests.Outbound;
using Tessera.Tests.Support;

namespace Tessera.Tests.Scraping;

/// <summary>A scrape of a real local site (Kestrel on 127.0.0.1) through the server's own services and job queue.</summary>
public sealed class ScraperTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly TesseraFactory _factory = new TesseraFactory()
        .With("Tessera:Outbound:AllowPrivateNetworks", "true")
        .With("Tessera:Scraping:PerHostDelay", "00:00:00.020")
        .With("Tessera:Scraping:MaxCrawlDelay", "00:00:00.050");

    private LocalReceiver _site = null!;

    public async ValueTask InitializeAsync() =>
        _site = await LocalReceiver.StartAsync(async (context, request) =>
        {
            var path = request.PathAndQuery;
            (int Status, string Type, byte[] Body) answer = path switch
            {
                "/robots.txt" => (200, "text/plain", "User-agent: *\nDisallow: /private/\nCrawl-delay: 0.01\n"u8.ToArray()),
                "/" => (200, "text/html", Html("""
                    <meta property="og:image" content="/og.png">
                    <img src="/big.png"> <img src="/icon.png"> <img src="/private/secret.png"> <img src="/fake.jpg">
                    <div style="background-image:url(/bg.png)"></div>
                    <a href="/clip.webm">clip</a> <a href="/page2">next</a>
                    """)),
                "/page2" => (200, "text/html", Html("""<img data-src="/deep.png"><a href="/page3">deeper</a>""")),
                "/page3" => (200, "text/html", Html("""<img src="/deepest.png">""")),
                "/big.png" or "/og.png" or "/bg.png" or "/deep.png" or "/deepest.png" or "/private/secret.png" => (200, "image/png", Png(path, 300)),
                "/icon.png" => (200, "image/png", Png(path, 8)),
                "/fake.jpg" => (200, "image/jpeg", Html("not an image " + new string('x', 2048))),
                "/clip.webm" => (200, "video/webm", [0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81, 0x01, 0x42, 0xF7, 0x81, 0x01, 0x42, 0xF2, 0x81, 0x04, 0x42, 0xF3, 0x81, 0x08, 0x42, 0x82, 0x84, 0x77, 0x65, 0x62, 0x6D, .. new byte[2048]]),
                _ => (404, "text/plain", "missing"u8.ToArray()),
            };
            context.Response.StatusCode = answer.Status;
            context.Response.ContentType = answer.Type;
            await context.Response.Body.WriteAsync(answer.Body, context.RequestAborted);
        });

    public async ValueTask DisposeAsync()
    {
        await _site.DisposeAsync();
        await _factory.DisposeAsync();
    }

    private static byte[] Html(string body) => System.Text.Encoding.UTF8.GetBytes($"<html><body>{body}</body></html>");

    /// <summary>A noisy PNG (so its size grows with its side and it is not flat), different per path.</summary>
    private static byte[] Png(string path, int side)
    {
        using var noise = Image.Gaussnoise(side, side, sigma: 60, mean: 128, seed: path.Length * 31 + path[1]);
        using var bytes = noise.Cast(Enums.BandFormat.Uchar);
        return bytes.PngsaveBuffer();
    }

    private ScrapeRequest Request(bool sniper = true, int depth = 0, int maxFiles = 100, int minKb = 0, string? keyword = null, bool videos = false) =>
        new(_site.Url.AbsoluteUri, sniper, maxFiles, minKb, keyword, videos, DownloadDocs: false, AiLabeling: false, depth, Force: false);

    private async Task<string> AccountAsync() => await _factory.CreateAdminClient().CreateAccountAsync("scraper");

    [Fact]
    public async Task Sniper_mode_keeps_the_pages_images_honouring_robots_and_the_bytes_real_type()
    {
        _ = _factory.CreateClient();
        var account = await AccountAsync();
        var outcome = (await _factory.Services.GetRequiredService<Scraper>().RunAsync(account, Request(minKb: 1), Ct)).Value;

        Assert.Equal(1, outcome.Pages);
        Assert.Equal(["/og.png", "/big.png", "/bg.png"], outcome.Assets.Select(asset => new Uri(asset.SourceUrl).AbsolutePath));
        Assert.Equal(1, outcome.Skipped["robots"]);
        Assert.Equal(1, outcome.Skipped["too_small"]);
        Assert.Equal(1, outcome.Skipped["type"]);
        Assert.Equal(1, outcome.Skipped["videos_off"]);
        Assert.DoesNotContain(_site.Requests, request => request.PathAndQuery.StartsWith("/private/", StringComparison.Ordinal));
        Assert.All(_site.Requests, request => Assert.StartsWith("TesseraBot/1.0", request.Headers["User-Agent"], StringComparison.Ordinal));

        var library = _factory.Services.GetRequiredService<MediaLibrary>();
        var kept = await library.GetAsync(account, outcome.Assets[0].MediaId, Ct);
        Assert.NotNull(kept);
        Assert.Equal("127.0.0.1", kept.Group);
        Assert.Equal("og.png", kept.FileName);
    }

    [Fact]
    public async Task Crawl_mode_follows_same_site_links_to_the_asked_depth_and_max_files_stops_it()
    {
        _ = _factory.CreateClient();
        var scraper = _factory.Services.GetRequiredService<Scraper>();
        var account = await AccountAsync();

        var one = (await scraper.RunAsync(account, Request(sniper: false, depth: 1, minKb: 1, videos: true), Ct)).Value;
        Assert.Equal(2, one.Pages);
        Assert.Contains(one.Assets, asset => asset.SourceUrl.EndsWith("/deep.png", StringComparison.Ordinal));
        Assert.Contains(one.Assets, asset => asset.Type == "video");
        Assert.DoesNotContain(one.Assets, asset => asset.SourceUrl.EndsWith("/deepest.png", StringComparison.Ordinal));

        var two = (await scraper.RunAsync(account, Request(sniper: false, depth: 2, minKb: 1), Ct)).Value;
        Assert.Equal(3, two.Pages);
        Assert.Contains(two.Assets, asset => asset.SourceUrl.EndsWith("/deepest.png", StringComparison.Ordinal));

        var capped = (await scraper.RunAsync(account, Request(sniper: false, depth: 2, maxFiles: 2), Ct)).Value;
        Assert.Equal(2, capped.Assets.Count);
        Assert.Equal(1, capped.Pages);

        var keyword = (await scraper.RunAsync(account, Request(keyword: "BIG"), Ct)).Value;
        Assert.Equal(["/big.png"], keyword.Assets.Select(asset => new Uri(asset.SourceUrl).AbsolutePath));
    }

    [Fact]
    public async Task A_full_library_is_reported_as_library_full_not_as_a_refused_file()
    {
        await using var small = new TesseraFactory()
            .With("Tessera:Outbound:AllowPrivateNetworks", "true")
            .With("Tessera:Scraping:PerHostDelay", "00:00:00.010")
            .With("Tessera:Scraping:MaxCrawlDelay", "00:00:00.010")
            .With("Tessera:Media:MaxAssetsPerAccount", "2");
        _ = small.CreateClient();
        var account = await small.CreateAdminClient().CreateAccountAsync("small library");
        var outcome = (await small.Services.GetRequiredService<Scraper>().RunAsync(account, Request(minKb: 1), Ct)).Value;
        Assert.Equal(2, outcome.Assets.Count);
        Assert.Equal(1, outcome.Skipped["library_full"]);
        Assert.False(outcome.Skipped.ContainsKey("refused"));
    }

    [Fact]
    public async Task A_page_that_cannot_be_read_fails_the_scrape_with_the_reason()
    {
        _ = _factory.CreateClient();
        var scraper = _factory.Services.GetRequiredService<Scraper>();
        var account = await AccountAsync();
        var missing = await scraper.RunAsync(account, Request() with { Url = new Uri(_site.Url, "/gone").AbsoluteUri }, Ct);
        Assert.Contains("404", missing.Error!.Message, StringComparison.Ordinal);
        var robots = await scraper.RunAsync(account, Request() with { Url = new Uri(_site.Url, "/private/page").AbsoluteUri }, Ct);
        Assert.Equal("robots_disallowed", robots.Error!.Code);

        await using var strict = new TesseraFactory();
        _ = strict.CreateClient();
        var blocked = await strict.Services.GetRequiredService<Scraper>().RunAsync(account, Request(), Ct);
        Assert.Equal("blocked_address", blocked.Error!.Code);
    }

    [Fact]
    public async Task A_scrape_job_records_its_assets_in_the_jobs_metadata()
    {
        _ = _factory.CreateClient();
        var account = await AccountAsync();
        var jobs = _factory.Services.GetRequiredService<JobService>();
        var input = JsonSerializer.SerializeToElement(Request(minKb: 1));
        var submitted = await jobs.SubmitAsync(new JobSubmission(account, "ocean", null, input, Kind: "scrape"), Ct);
        Assert.True(submitted.IsSuccess, submitted.IsSuccess ? null : submitted.Error.Message);

        var clock = Stopwatch.StartNew();
        Job job;
        do
        {
            await Task.Delay(50, Ct);
            job = (await jobs.GetAsync(account, submitted.Value.Job.Id, Ct)).Value;
        }
        while (!job.IsTerminal && clock.Elapsed < TimeSpan.FromSeconds(30));

        Assert.Equal(JobStatus.Succeeded, job.Status);
        Assert.Equal(3, job.Metadata!["asset_ids"]!.AsArray().Count);
        Assert.Equal(1, job.Metadata!["pages"]!.GetValue<int>());
    }
}
