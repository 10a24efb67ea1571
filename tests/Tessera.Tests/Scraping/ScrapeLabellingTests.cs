using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Tessera.Media;
using Tessera.Scraping;
using Tessera.Tests.Outbound;
using Tessera.Tests.Support;
using Tessera.Tests.Vision;

namespace Tessera.Tests.Scraping;

/// <summary>
/// <c>ai_labeling</c>: each scraped image is labelled before it is stored and named from its labels
/// (<c>sunset_beach_a1b2.png</c>), the job's assets report <c>ai_label</c>, and the labels are searchable in the library.
/// </summary>
public sealed class ScrapeLabellingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly byte[] First = Surfaces.PixelsOcean.OceanHost.Png(300, 200, 250, 120, 40);
    private static readonly byte[] Second = Surfaces.PixelsOcean.OceanHost.Png(300, 200, 40, 120, 250);

    private static Task<LocalReceiver> SiteAsync(byte[]? photo = null) => LocalReceiver.StartAsync(async (context, request) =>
    {
        (int Status, string Type, byte[] Body) answer = request.PathAndQuery switch
        {
            "/robots.txt" => (200, "text/plain", "User-agent: *\nAllow: /\n"u8.ToArray()),
            "/" => (200, "text/html", """<html><body><img src="/IMG_2041.PNG"><img src="/photos/second"><a href="/notes.pdf">notes</a></body></html>"""u8.ToArray()),
            "/IMG_2041.PNG" => (200, "image/png", photo ?? First),
            "/photos/second" => (200, "image/png", Second),
            _ => (404, "text/plain", "missing"u8.ToArray()),
        };
        context.Response.StatusCode = answer.Status;
        context.Response.ContentType = answer.Type;
        await context.Response.Body.WriteAsync(answer.Body, context.RequestAborted);
    });

    private static TesseraFactory Factory() => new TesseraFactory()
        .With("Tessera:Outbound:AllowPrivateNetworks", "true")
        .With("Tessera:Scraping:PerHostDelay", "00:00:00");

    private static ScrapeRequest Request(LocalReceiver site, bool labels) =>
        new(site.Url.AbsoluteUri, SniperMode: true, MaxFiles: 10, MinSizeKb: 0, KeywordFilter: null, DownloadVideos: false, DownloadDocs: false, AiLabeling: labels, CrawlDepth: 0, Force: false);

    [Fact]
    public async Task Ai_labeling_names_each_image_from_its_labels_and_reports_them_as_ai_label()
    {
        await using var vision = await FakeOpenAIVision.StartAsync(("sunset", 0.9), ("beach", 0.8), ("boat", 0.6), ("kite", 0.05));
        await using var site = await SiteAsync();
        await using var factory = Factory().Use(vision);
        _ = factory.CreateClient();
        var account = await factory.CreateAdminClient().CreateAccountAsync("labeller");

        var outcome = (await factory.Services.GetRequiredService<Scraper>().RunAsync(account, Request(site, labels: true), Ct)).Value;

        Assert.Equal(2, outcome.Assets.Count);
        Assert.All(outcome.Assets, asset => Assert.Equal("Sunset, Beach, Boat", asset.AiLabel));
        var first = outcome.Assets.Single(asset => asset.SourceUrl.EndsWith("/IMG_2041.PNG", StringComparison.Ordinal));
        var second = outcome.Assets.Single(asset => asset.SourceUrl.EndsWith("/photos/second", StringComparison.Ordinal));
        Assert.Matches("^sunset_beach_[0-9a-f]{4}\\.png$", first.FileName);
        Assert.Matches("^sunset_beach_[0-9a-f]{4}\\.png$", second.FileName); // no extension in the URL: the bytes' format
        Assert.NotEqual(first.FileName, second.FileName); // the content hash keeps same-label photos apart
        var library = factory.Services.GetRequiredService<MediaLibrary>();
        var stored = await library.GetAsync(account, first.MediaId, Ct);
        Assert.Equal((first.FileName, "sunset, beach, boat"), (stored!.FileName, stored.Labels));
        var found = await library.QueryAsync(account, new MediaQuery(Text: "boat"), Ct);
        Assert.Equal(2, found.Value.Total);
    }

    [Fact]
    public async Task Without_ai_labeling_files_keep_their_names_and_no_engine_is_asked()
    {
        await using var vision = await FakeOpenAIVision.StartAsync(("sunset", 0.9));
        await using var site = await SiteAsync();
        await using var factory = Factory().Use(vision);
        _ = factory.CreateClient();
        var account = await factory.CreateAdminClient().CreateAccountAsync("plain");

        var outcome = (await factory.Services.GetRequiredService<Scraper>().RunAsync(account, Request(site, labels: false), Ct)).Value;

        Assert.Contains(outcome.Assets, asset => asset.FileName == "IMG_2041.PNG");
        Assert.All(outcome.Assets, asset => Assert.Null(asset.AiLabel));
        Assert.Empty(vision.Requests);
    }

    [Fact]
    public async Task An_image_the_engine_cannot_label_keeps_its_name_and_the_scrape_goes_on()
    {
        await using var site = await SiteAsync();
        await using var factory = Factory().With("Tessera:Vision:Engines:0", "openai"); // no key: unavailable
        _ = factory.CreateClient();
        var account = await factory.CreateAdminClient().CreateAccountAsync("unlabelled");

        var outcome = (await factory.Services.GetRequiredService<Scraper>().RunAsync(account, Request(site, labels: true), Ct)).Value;

        Assert.Equal(2, outcome.Assets.Count);
        Assert.Contains(outcome.Assets, asset => asset.FileName == "IMG_2041.PNG");
        Assert.All(outcome.Assets, asset => Assert.Null(asset.AiLabel));
    }

    [Fact]
    public async Task Ai_labeling_with_the_local_model_names_a_real_motorcycle_photo_after_it()
    {
        var photo = TestPhotos.Read("motorcycle_left.png");
        await using var site = await SiteAsync(photo);
        await using var factory = Factory().With("Tessera:Vision:Engines:0", "local");
        _ = factory.CreateClient();
        var vision = factory.Services.GetRequiredService<Tessera.Vision.VisionService>();
        Assert.SkipWhen(!vision.Available, "the local vision engine cannot run here: " + vision.UnavailableReason);
        var account = await factory.CreateAdminClient().CreateAccountAsync("motorbikes");

        var outcome = (await factory.Services.GetRequiredService<Scraper>().RunAsync(account, Request(site, labels: true), Ct)).Value;

        var asset = outcome.Assets.Single(asset => asset.SourceUrl.EndsWith("/IMG_2041.PNG", StringComparison.Ordinal));
        Assert.StartsWith("motorcycle", asset.FileName, StringComparison.Ordinal);
        Assert.EndsWith(".png", asset.FileName, StringComparison.Ordinal);
        Assert.Contains("Motorcycle", asset.AiLabel, StringComparison.Ordinal);
    }
}
