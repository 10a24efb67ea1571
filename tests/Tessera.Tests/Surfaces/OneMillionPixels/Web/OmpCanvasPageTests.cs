using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Tessera.Tests.Surfaces.OneMillionPixels.Web;

/// <summary><c>/omp/</c> in headless Chromium: live paint, hover, click-through, zoom and pan.</summary>
public sealed class OmpCanvasPageTests(OmpBrowserFixture fixture) : IClassFixture<OmpBrowserFixture>, IAsyncDisposable
{
    // Each open page holds one of the 4 live streams an IP may have: a test closes its pages, or later tests are refused.
    private readonly List<IBrowserContext> _contexts = [];

    private const string ReadPixel = """
        ([x, y]) => {
          const [r, g, b] = document.getElementById("canvas").getContext("2d").getImageData(x, y, 1, 1).data;
          return "#" + [r, g, b].map(v => v.toString(16).padStart(2, "0")).join("").toUpperCase();
        }
        """;

    // The centre of canvas pixel (x, y) in page coordinates, wherever zoom and pan have put it.
    private const string ClientPointOf = """
        ([x, y]) => {
          const r = document.getElementById("canvas").getBoundingClientRect();
          return [r.left + (x + 0.5) * r.width / 1000, r.top + (y + 0.5) * r.height / 1000];
        }
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Paint_through_the_API_appears_on_the_page_without_reload()
    {
        var page = await OpenCanvasAsync();
        var (_, owner) = await fixture.OwnerAsync(0, 0, 20, 20);
        await page.EvaluateAsync("() => { window.loadedOnce = true; }");
        Assert.Equal("#FFFFFF", await page.EvaluateAsync<string>(ReadPixel, new[] { 5, 7 }));

        await PaintAsync(owner, new { pixels = new[] { new { x = 5, y = 7, color = "#ff0000" }, new { x = 6, y = 7, color = "#00ff00" } } });

        await page.WaitForFunctionAsync($"p => ({ReadPixel})(p) === '#FF0000'", new[] { 5, 7 });
        Assert.Equal("#00FF00", await page.EvaluateAsync<string>(ReadPixel, new[] { 6, 7 }));
        Assert.True(await page.EvaluateAsync<bool>("() => window.loadedOnce === true"), "the page reloaded");
    }

    [Fact]
    public async Task A_page_opened_after_painting_draws_the_painted_pixels()
    {
        var (_, owner) = await fixture.OwnerAsync(40, 0, 10, 10);
        await PaintAsync(owner, new { x = 41, y = 2, color = "#123456" });

        var page = await OpenCanvasAsync();

        Assert.Equal("#123456", await page.EvaluateAsync<string>(ReadPixel, new[] { 41, 2 }));
    }

    [Fact]
    public async Task Hovering_a_pixel_shows_its_coordinates_owner_and_link_as_text()
    {
        const string url = "https://example.test/hover?q=<img/src=x/onerror=alert(1)>";
        var page = await OpenCanvasAsync();
        var (account, owner) = await fixture.OwnerAsync(200, 200, 20, 20);
        await PaintBlockAsync(page, owner, 200, 200, 20, "#0000AA", url);

        await HoverPixelAsync(page, 210, 210);

        var tooltip = page.Locator("#tooltip");
        await Expect(tooltip).ToBeVisibleAsync();
        await Expect(tooltip).ToContainTextAsync("(210, 210)");
        await Expect(tooltip).ToContainTextAsync(account);
        await Expect(tooltip).ToContainTextAsync(url);
        Assert.Equal(0, await tooltip.Locator("img").CountAsync());
    }

    [Fact]
    public async Task Clicking_a_linked_pixel_opens_the_link_in_a_new_tab_with_noopener_and_no_referrer()
    {
        const string url = "https://example.test/landing/300";
        var page = await OpenCanvasAsync();
        var (_, owner) = await fixture.OwnerAsync(300, 300, 20, 20);
        await PaintBlockAsync(page, owner, 300, 300, 20, "#AA0000", url);
        string? referer = "not requested";
        await page.Context.RouteAsync("https://example.test/**", async route =>
        {
            referer = route.Request.Headers.TryGetValue("referer", out var value) ? value : null;
            await route.FulfillAsync(new() { Status = 200, ContentType = "text/html", Body = "<p>landing</p>" });
        });

        var (x, y) = await ClientPointAsync(page, 310, 310);
        var opened = await page.Context.RunAndWaitForPageAsync(() => page.Mouse.ClickAsync(x, y));
        await opened.WaitForLoadStateAsync(LoadState.DOMContentLoaded);

        Assert.Equal(url, opened.Url);
        Assert.True(await opened.EvaluateAsync<bool>("() => window.opener === null"), "the new tab can reach its opener");
        Assert.Null(referer);
        Assert.Equal(2, page.Context.Pages.Count);
    }

    [Fact]
    public async Task Only_https_links_are_treated_as_clickable()
    {
        var page = await OpenCanvasAsync();

        var results = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const { safeHttpsUrl } = await import("./links.js");
              return ["https://ok.example/a", "http://plain.example/", "javascript:alert(1)", "data:text/html,x",
                      "//host.example/x", "/omp/", "https://", null].map(safeHttpsUrl);
            }
            """);

        Assert.Equal(
            ["https://ok.example/a", null, null, null, null, null, null, null],
            results.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Null ? null : e.GetString()).ToArray());
    }

    [Fact]
    public async Task The_wheel_zooms_around_the_cursor_and_a_drag_pans()
    {
        var page = await OpenCanvasAsync();
        var (x, y) = await ClientPointAsync(page, 500, 400);
        await page.Mouse.MoveAsync(x, y);
        await Expect(page.Locator("#tooltip")).ToContainTextAsync("(500, 400)");
        var before = await page.Locator("#zoom-level").TextContentAsync();

        await page.Mouse.WheelAsync(0, -400);

        await Expect(page.Locator("#zoom-level")).Not.ToHaveTextAsync(before!);
        var width = await page.EvaluateAsync<double>("() => document.getElementById('canvas').getBoundingClientRect().width");
        Assert.True(width > 1000, $"canvas is {width} px wide after zooming in");
        await Expect(page.Locator("#tooltip")).ToContainTextAsync("(500, 400)");

        var left = await page.EvaluateAsync<double>("() => document.getElementById('canvas').getBoundingClientRect().left");
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(x + 60, y + 10, new() { Steps = 5 });
        await page.Mouse.MoveAsync(x + 100, y + 10, new() { Steps = 5 });
        await page.Mouse.UpAsync();
        var moved = await page.EvaluateAsync<double>("() => document.getElementById('canvas').getBoundingClientRect().left");
        Assert.Equal(left + 100, moved, 1.0);
    }

    [Fact]
    public async Task The_page_is_served_under_the_path_base_with_its_assets()
    {
        SkipWithoutChromium();
        using var client = fixture.CreateClient();
        using var noRedirect = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(fixture.BaseUrl) };

        var bare = await noRedirect.GetAsync("/omp", Ct);
        Assert.Equal(HttpStatusCode.Redirect, bare.StatusCode);
        Assert.Equal("/omp/", bare.Headers.Location!.OriginalString);

        var index = await client.GetAsync("/omp/", Ct);
        Assert.Equal("text/html", index.Content.Headers.ContentType!.MediaType);
        Assert.Contains("script-src 'self'", index.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        var etag = index.Headers.ETag!;
        var again = new HttpRequestMessage(HttpMethod.Get, "/omp/");
        again.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(again, Ct)).StatusCode);

        foreach (var asset in new[] { "/omp/app.js", "/omp/omp.css", "/omp/vendor/fingerprintjs.min.js", "/omp/p/any-key" })
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(asset, Ct)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/omp/nothing-here.js", Ct)).StatusCode);
    }

    private static void SkipWithoutChromium()
    {
        if (OmpBrowserFixture.SkipReason is { } reason)
        {
            Assert.Skip(reason);
        }
    }

    /// <summary>A fresh browser context on <c>/omp/</c>, once the pixels are loaded and the stream is open.</summary>
    private async Task<IPage> OpenCanvasAsync()
    {
        SkipWithoutChromium();
        var context = await fixture.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        _contexts.Add(context);
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.BaseUrl + "/omp/");
        await Expect(page.Locator("#status")).ToHaveAttributeAsync("data-state", "live");
        return page;
    }

    private static async Task<long> PaintAsync(HttpClient owner, object body)
    {
        var response = await owner.PostAsJsonAsync("/omp/api/pixels", body, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("seq").GetInt64();
    }

    /// <summary>Paints a size × size block and waits until the page has applied that write.</summary>
    private static async Task PaintBlockAsync(IPage page, HttpClient owner, int x0, int y0, int size, string color, string url)
    {
        var pixels = Enumerable.Range(0, size * size).Select(i => new { x = x0 + i % size, y = y0 + i / size, color, url }).ToArray();
        var seq = await PaintAsync(owner, new { pixels });
        await page.WaitForFunctionAsync("seq => Number(document.body.dataset.seq) >= seq", seq);
    }

    private static async Task<(float X, float Y)> ClientPointAsync(IPage page, int x, int y)
    {
        var point = await page.EvaluateAsync<float[]>(ClientPointOf, new[] { x, y });
        return (point[0], point[1]);
    }

    private static async Task HoverPixelAsync(IPage page, int x, int y)
    {
        var (cx, cy) = await ClientPointAsync(page, x, y);
        await page.Mouse.MoveAsync(cx, cy);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.CloseAsync();
        }
    }
}
