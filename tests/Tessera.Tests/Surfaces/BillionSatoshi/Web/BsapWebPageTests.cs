using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Tessera.Tests.Canvas.Placements;
using Tessera.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Tessera.Tests.Surfaces.BillionSatoshi.Web;

/// <summary><c>/bsap/</c> in headless Chromium: the deep-zoom viewer over the tiles, placement cards, the buy flow to "active".</summary>
public sealed class BsapWebPageTests(BsapBrowserFixture fixture) : IClassFixture<BsapBrowserFixture>
{
    // The colour the viewer's canvas shows at canvas pixel (x, y), wherever zoom and pan have put it.
    private const string ReadPixel = """
        ([x, y]) => {
          const canvas = window.bsap.viewer.drawer.canvas;
          const [cx, cy] = window.bsap.clientPoint(x, y);
          const r = canvas.getBoundingClientRect();
          const px = Math.floor((cx - r.left) * canvas.width / r.width), py = Math.floor((cy - r.top) * canvas.height / r.height);
          const [red, green, blue] = canvas.getContext("2d").getImageData(px, py, 1, 1).data;
          return "#" + [red, green, blue].map(v => v.toString(16).padStart(2, "0")).join("").toUpperCase();
        }
        """;

    private static readonly LocatorAssertionsToHaveTextOptions Slow = new() { Timeout = 30_000 };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_page_loads_and_the_viewer_draws_the_canvas_from_the_tile_pyramid()
    {
        SkipWithoutChromium();
        await fixture.PlaceAsync(2000, 1000, 200, (0, 0, 255));
        var page = await NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (errors)
                {
                    errors.Add(message.Text);
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (errors)
            {
                errors.Add(error);
            }
        };
        var tiles = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.Url.Contains("/bsap/api/canvas/tiles/", StringComparison.Ordinal))
            {
                lock (tiles)
                {
                    tiles.Add(new Uri(request.Url).AbsolutePath);
                }
            }
        };

        await OpenAsync(page);
        await page.WaitForFunctionAsync("() => window.bsap.fullyLoaded()");
        lock (tiles)
        {
            Assert.Contains("/bsap/api/canvas/tiles/0/0/0.png", tiles);
        }

        await page.EvaluateAsync("() => window.bsap.view(2000, 1000, 200, true)");

        await page.WaitForFunctionAsync($"p => ({ReadPixel})(p) === '#0000FF'", new[] { 2100, 1100 }, new() { Timeout = 30_000 });
        await page.WaitForFunctionAsync("() => window.bsap.fullyLoaded()");
        Assert.Equal("#FFFFFF", await page.EvaluateAsync<string>(ReadPixel, new[] { 2250, 1100 }));
        lock (tiles)
        {
            // 2100/256 = 8, 1100/256 = 4: the deepest zoom, where one tile pixel is one canvas pixel.
            Assert.Contains("/bsap/api/canvas/tiles/8/8/4.png", tiles);
        }

        lock (errors)
        {
            Assert.Empty(errors); // no script error, no Content-Security-Policy violation
        }
    }

    [Fact]
    public async Task Clicking_a_placement_shows_its_message_and_a_safe_link_and_a_javascript_url_is_never_a_link()
    {
        SkipWithoutChromium();
        const string url = "https://example.test/bsap/landing";
        const string message = "<b>gm</b> from the page test";
        var id = await fixture.PlaceAsync(8000, 3000, 100, (200, 0, 0), url, message);
        var page = await NewPageAsync();
        await OpenAsync(page);

        await ClickCanvasAsync(page, 8050, 3050, 100);

        await Expect(page.Locator("#placement")).ToBeVisibleAsync();
        await Expect(page.Locator("#placement-message")).ToHaveTextAsync(message);
        Assert.Equal(0, await page.Locator("#placement-message b").CountAsync());
        await Expect(page.Locator("#placement-where")).ToContainTextAsync("(8000, 3000) · 100 × 100 · 10,000 sats");
        var link = page.Locator("#placement-link");
        await Expect(link).ToHaveAttributeAsync("href", url);
        await Expect(link).ToHaveAttributeAsync("target", "_blank");
        await Expect(link).ToHaveAttributeAsync("rel", "noopener noreferrer");
        string? referer = "not requested";
        await page.Context.RouteAsync("https://example.test/**", async route =>
        {
            referer = route.Request.Headers.TryGetValue("referer", out var value) ? value : null;
            await route.FulfillAsync(new() { Status = 200, ContentType = "text/html", Body = "<p>landing</p>" });
        });
        var opened = await page.Context.RunAndWaitForPageAsync(() => link.ClickAsync());
        await opened.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        Assert.Equal(url, opened.Url);
        Assert.True(await opened.EvaluateAsync<bool>("() => window.opener === null"), "the new tab can reach its opener");
        Assert.Null(referer);

        // The server accepts only https links, so a javascript: URL is put into the list on its way to the page.
        var hostile = await NewPageAsync();
        await hostile.RouteAsync(u => new Uri(u).AbsolutePath == "/bsap/api/canvas", async route =>
        {
            var response = await route.FetchAsync();
            var body = JsonNode.Parse(await response.TextAsync())!;
            foreach (var placement in body["placements"]!.AsArray())
            {
                if ((string?)placement!["id"] == id)
                {
                    placement["url"] = "javascript:alert(document.domain)";
                }
            }

            await route.FulfillAsync(new() { Response = response, Body = body.ToJsonString() });
        });
        await OpenAsync(hostile);

        await ClickCanvasAsync(hostile, 8050, 3050, 100);

        await Expect(hostile.Locator("#placement-message")).ToHaveTextAsync(message);
        await Expect(hostile.Locator("#placement-url-text")).ToContainTextAsync("javascript:alert(document.domain)");
        await Expect(hostile.Locator("#placement-link")).ToBeHiddenAsync();
        Assert.Equal(0, await hostile.Locator("a[href^='javascript' i]").CountAsync());
        Assert.Null(await hostile.Locator("#placement-link").GetAttributeAsync("href"));
        var safe = await hostile.EvaluateAsync<JsonElement>("""
            async () => {
              const { safeWebUrl } = await import("./links.js");
              return ["https://ok.example/a", "http://plain.example/", "javascript:alert(1)", "JAVASCRIPT:alert(1)",
                      "data:text/html,x", "//host.example/x", "/bsap/", "https://user:pw@host.example/", null].map(safeWebUrl);
            }
            """);
        Assert.Equal(
            ["https://ok.example/a", "http://plain.example/", null, null, null, null, null, null, null],
            safe.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Null ? null : e.GetString()).ToArray());
    }

    [Fact]
    public async Task Buying_a_square_on_the_page_shows_the_invoice_and_turns_active_after_payment_without_reload()
    {
        SkipWithoutChromium();
        var page = await NewPageAsync();
        await OpenAsync(page);
        await page.Locator("#buy-open").ClickAsync();
        await Expect(page.Locator("#buy")).ToBeVisibleAsync();

        await ClickCanvasAsync(page, 12000, 6000, 100);

        await Expect(page.Locator("#buy-x")).ToHaveValueAsync("12000");
        await Expect(page.Locator("#buy-y")).ToHaveValueAsync("6000");
        await Expect(page.Locator("#quote")).ToContainTextAsync("10,000 sats");
        await Expect(page.Locator("#availability")).ToHaveAttributeAsync("data-state", "available");
        await page.Locator("#buy-image").SetInputFilesAsync(new FilePayload { Name = "me.png", MimeType = "image/png", Buffer = PlacementHost.Png(0, 160, 0) });
        await page.Locator("#buy-url").FillAsync("https://example.test/bought");
        await page.Locator("#buy-message").FillAsync("bought on the page");
        await page.EvaluateAsync("() => { window.loadedOnce = true; }");

        await page.Locator("#buy-submit").ClickAsync();

        await Expect(page.Locator("#invoice")).ToBeVisibleAsync();
        await Expect(page.Locator("#payment-status")).ToHaveTextAsync("pending_payment");
        var invoice = await page.Locator("#invoice-text").InputValueAsync();
        Assert.StartsWith("lnbcrt", invoice, StringComparison.Ordinal);
        Assert.Contains("api/qr?data=" + Uri.EscapeDataString(invoice), await page.Locator("#invoice-qr").GetAttributeAsync("src"), StringComparison.Ordinal);
        await page.WaitForFunctionAsync("() => { const qr = document.getElementById('invoice-qr'); return qr.complete && qr.naturalWidth > 0; }");

        await fixture.PayAsync(invoice);

        await Expect(page.Locator("#payment-status")).ToHaveTextAsync("active", Slow);
        Assert.True(await page.EvaluateAsync<bool>("() => window.loadedOnce === true"), "the page reloaded");
        using var client = fixture.CreateClient();
        var canvas = await (await client.GetAsync("/bsap/api/canvas", Ct)).ReadJsonAsync();
        var bought = Assert.Single(canvas.GetProperty("placements").EnumerateArray(), p => p.GetProperty("x").GetInt32() == 12000);
        Assert.Equal("bought on the page", bought.GetProperty("message").GetString());
        Assert.Equal("active", bought.GetProperty("status").GetString());

        // The page reloads the list and the tiles it changed: the new square is drawn.
        await Expect(page.Locator("body")).ToHaveAttributeAsync("data-revision", "1");
        await page.EvaluateAsync("() => window.bsap.view(12000, 6000, 100, true)");
        await page.WaitForFunctionAsync($"p => ({ReadPixel})(p) === '#00A000'", new[] { 12050, 6050 }, new() { Timeout = 30_000 });
    }

    [Fact]
    public async Task Picking_a_taken_square_shows_its_quote_and_the_nearest_free_square()
    {
        SkipWithoutChromium();
        await fixture.PlaceAsync(5000, 5000, 100, (90, 90, 90));
        var page = await NewPageAsync();
        var asked = new List<string>();
        page.Request += (_, request) =>
        {
            lock (asked)
            {
                asked.Add($"{request.Method} {new Uri(request.Url).PathAndQuery}");
            }
        };
        await OpenAsync(page);
        await page.Locator("#buy-open").ClickAsync();

        await ClickCanvasAsync(page, 5010, 5000, 100);

        await Expect(page.Locator("#buy-x")).ToHaveValueAsync("5010");
        await Expect(page.Locator("#quote")).ToHaveTextAsync("100 × 100 = 10,000 pixels · 10,000 sats");
        await Expect(page.Locator("#availability")).ToHaveAttributeAsync("data-state", "taken");
        await Expect(page.Locator("#availability")).ToContainTextAsync("(5100, 5000)");
        lock (asked)
        {
            Assert.Contains("POST /bsap/api/placements/quote", asked);
            Assert.Contains("GET /bsap/api/canvas/available?x=5010&y=5000&size=100", asked);
        }

        await page.Locator("#use-nearest").ClickAsync();

        await Expect(page.Locator("#buy-x")).ToHaveValueAsync("5100");
        await Expect(page.Locator("#buy-y")).ToHaveValueAsync("5000");
        await Expect(page.Locator("#availability")).ToHaveAttributeAsync("data-state", "available");
        await Expect(page.Locator("#use-nearest")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task The_page_is_served_under_the_path_base_and_unknown_paths_get_the_surface_json_404()
    {
        await using var host = BsapHost.Create();
        using var client = host.Factory.CreateClient(new() { AllowAutoRedirect = false });

        var bare = await client.GetAsync("/bsap", Ct);
        Assert.Equal(HttpStatusCode.Redirect, bare.StatusCode);
        Assert.Equal("/bsap/", bare.Headers.Location!.OriginalString);

        var index = await client.GetAsync("/bsap/", Ct);
        Assert.Equal(HttpStatusCode.OK, index.StatusCode);
        Assert.Equal("text/html", index.Content.Headers.ContentType!.MediaType);
        Assert.Contains("script-src 'self'", index.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        var html = await index.Content.ReadAsStringAsync(Ct);
        Assert.Contains("src=\"vendor/openseadragon.min.js\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("//cdn", html, StringComparison.OrdinalIgnoreCase);
        var again = new HttpRequestMessage(HttpMethod.Get, "/bsap/");
        again.Headers.IfNoneMatch.Add(index.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(again, Ct)).StatusCode);

        foreach (var asset in new[] { "/bsap/app.js", "/bsap/buy.js", "/bsap/tiles.js", "/bsap/bsap.css", "/bsap/vendor/openseadragon.min.js" })
        {
            var response = await client.GetAsync(asset, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        }

        Assert.StartsWith("//! openseadragon 6.", await client.GetStringAsync("/bsap/vendor/openseadragon.min.js", Ct), StringComparison.Ordinal);
        foreach (var unknown in new[] { "/bsap/whatever", "/bsap/whatever.js", "/bsap/vendor/nothing.js", "/bsap/api/nothing" })
        {
            var response = await client.GetAsync(unknown, Ct);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
            var error = await response.ReadJsonAsync();
            Assert.Equal("not_found", error.GetProperty("code").GetString());
            Assert.True(error.TryGetProperty("error", out _), unknown);
        }
    }

    private static void SkipWithoutChromium()
    {
        if (BrowserServerFixture.SkipReason is { } reason)
        {
            Assert.Skip(reason);
        }
    }

    private async Task<IPage> NewPageAsync()
    {
        var context = await fixture.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        return await context.NewPageAsync();
    }

    /// <summary><c>/bsap/</c>, once the canvas list is read and the viewer has opened the tile source.</summary>
    private async Task OpenAsync(IPage page)
    {
        await page.GotoAsync(fixture.BaseUrl + "/bsap/");
        await Expect(page.Locator("body")).ToHaveAttributeAsync("data-state", "ready", new() { Timeout = 30_000 });
    }

    /// <summary>Zooms to a size × size square at (x, y) and clicks the middle of canvas pixel (x, y).</summary>
    private static async Task ClickCanvasAsync(IPage page, int x, int y, int size)
    {
        await page.EvaluateAsync("([x, y, size]) => window.bsap.view(x, y, size, true)", new[] { x, y, size });
        var point = await page.EvaluateAsync<float[]>("([x, y]) => window.bsap.clientPoint(x, y)", new[] { x + 0.5, y + 0.5 });
        await page.Mouse.ClickAsync(point[0], point[1]);
    }
}
