using Microsoft.Playwright;
using Tessera.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Tessera.Tests.Surfaces.PixelsOcean.Web;

/// <summary><c>/ocean/</c>, <c>/ocean/gallery/{token}</c> and <c>/ocean/editor/{media_id}</c> in headless Chromium, through the public API only.</summary>
public sealed class OceanWebPageTests(OceanBrowserFixture fixture) : IClassFixture<OceanBrowserFixture>
{
    private static readonly LocatorAssertionsToHaveCountOptions Slow = new() { Timeout = 30_000 };

    [Fact]
    public async Task The_library_takes_a_key_uploads_by_drop_and_picker_searches_tags_moves_trashes_restores_and_shares()
    {
        SkipWithoutChromium();
        var key = await fixture.UserAsync();
        await using var context = await fixture.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        var errors = Errors(page);
        await page.GotoAsync(fixture.BaseUrl + "/ocean/");
        await Expect(page.Locator("body")).ToHaveAttributeAsync("data-state", "signed-out");

        await page.Locator("#key").FillAsync("not-a-key");
        await page.Locator("#key-form button").ClickAsync();
        await Expect(page.Locator("#key-error")).Not.ToBeEmptyAsync();

        await page.Locator("#key").FillAsync(key);
        await page.Locator("#key-form button").ClickAsync();
        await Expect(page.Locator("body")).ToHaveAttributeAsync("data-state", "ready", new() { Timeout = 30_000 });
        Assert.Equal(key, await page.EvaluateAsync<string>("() => sessionStorage.getItem('ocean.key')"));

        // A drop of one file (a DataTransfer made in the page), then the picker with another.
        await page.EvaluateAsync("""
            async bytes => {
              const transfer = new DataTransfer();
              transfer.items.add(new File([new Uint8Array(bytes)], "dropped.png", { type: "image/png" }));
              document.getElementById("drop").dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
            }
            """, OceanHost.Png(red: 10).Select(b => (int)b).ToArray());
        await Expect(page.Locator("#grid li")).ToHaveCountAsync(1, Slow);
        await page.Locator("#file").SetInputFilesAsync(new FilePayload { Name = "<img src=x onerror=alert(1)>.png", MimeType = "image/png", Buffer = OceanHost.Png(red: 20) });
        await Expect(page.Locator("#grid li")).ToHaveCountAsync(2, Slow);
        await Expect(page.Locator("#uploads li[data-state=done]")).ToHaveCountAsync(2);
        Assert.Equal(100, await page.Locator("#uploads progress").Last.EvaluateAsync<int>("p => p.value"));
        await Expect(page.Locator("#grid .name", new() { HasText = "<img src=x onerror=alert(1)>.png" })).ToHaveCountAsync(1); // text, not markup

        // Tag the dropped one, then search by the tag.
        await Tile(page, "dropped.png").Locator(".pick").CheckAsync();
        await page.Locator("#new-tag").FillAsync("Sunset");
        await page.Locator("#add-tag").ClickAsync();
        await Expect(Tile(page, "dropped.png").Locator(".tags")).ToHaveTextAsync("sunset", new() { Timeout = 30_000 });
        await page.Locator("#tag").FillAsync("sunset");
        await page.Locator("#search button[type=submit]").ClickAsync();
        await Expect(page.Locator("#grid li")).ToHaveCountAsync(1, Slow);
        await page.Locator("#tag").FillAsync("");
        await page.Locator("#search button[type=submit]").ClickAsync();
        await Expect(page.Locator("#grid li")).ToHaveCountAsync(2, Slow);

        // A folder, and a move into it.
        await page.Locator("#new-folder").FillAsync("Beach");
        await page.Locator("#create-folder").ClickAsync();
        await Expect(page.Locator("#move-to option", new() { HasText = "Beach" })).ToHaveCountAsync(1, Slow);
        await Tile(page, "dropped.png").Locator(".pick").CheckAsync();
        await page.Locator("#move-to").SelectOptionAsync(new SelectOptionValue { Label = "Beach (0)" });
        await page.Locator("#move").ClickAsync();
        await Expect(page.Locator("#folder-filter option", new() { HasText = "Beach (1)" })).ToHaveCountAsync(1, Slow);

        // Trash, see it in the trash, restore it.
        await Tile(page, "<img src=x onerror=alert(1)>.png").Locator(".pick").CheckAsync();
        await page.Locator("#trash").ClickAsync();
        await Expect(page.Locator("#grid li")).ToHaveCountAsync(1, Slow);
        await page.Locator("#show-trash").ClickAsync();
        await Expect(page.Locator("#grid li")).ToHaveCountAsync(1, Slow);
        await Expect(page.Locator("#summary")).ToHaveTextAsync("1 in the trash");
        await Tile(page, "<img src=x onerror=alert(1)>.png").Locator(".pick").CheckAsync();
        await page.Locator("#restore").ClickAsync();
        await Expect(page.Locator("#grid li")).ToHaveCountAsync(0, Slow);
        await page.Locator("#show-trash").ClickAsync();
        await Expect(page.Locator("#grid li")).ToHaveCountAsync(2, Slow);

        // Share the dropped one as a gallery and open the link.
        await Tile(page, "dropped.png").Locator(".pick").CheckAsync();
        await page.Locator("#collection-name").FillAsync("Beach days");
        await page.Locator("#share").ClickAsync();
        await Expect(page.Locator("#share-link")).ToHaveCountAsync(1, Slow);
        await page.Locator("#share-link").ClickAsync();
        await Expect(page.Locator("body")).ToHaveAttributeAsync("data-state", "ready", new() { Timeout = 30_000 });
        await Expect(page.Locator("#title")).ToHaveTextAsync("Beach days");
        await Expect(page.Locator("#grid li")).ToHaveCountAsync(1);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_protected_gallery_asks_for_its_password_then_shows_a_grid_and_a_lightbox_with_download()
    {
        SkipWithoutChromium();
        var key = await fixture.UserAsync();
        var first = await fixture.UploadAsync(key, OceanHost.Png(red: 30), "First");
        var second = await fixture.UploadAsync(key, OceanHost.Png(red: 40), "Second");
        var token = await fixture.ShareAsync(key, "Holiday", [first, second], "open sesame");
        await using var context = await fixture.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var errors = Errors(page, ignore: "401");

        await page.GotoAsync($"{fixture.BaseUrl}/ocean/gallery/{token}");
        await Expect(page.Locator("body")).ToHaveAttributeAsync("data-state", "locked", new() { Timeout = 30_000 });
        await page.Locator("#password").FillAsync("wrong");
        await page.Locator("#password-form button").ClickAsync();
        await Expect(page.Locator("#password-error")).ToHaveTextAsync("That password is not right.");
        await page.Locator("#password").FillAsync("open sesame");
        await page.Locator("#password-form button").ClickAsync();
        await Expect(page.Locator("body")).ToHaveAttributeAsync("data-state", "ready");
        await Expect(page.Locator("#grid li")).ToHaveCountAsync(2);
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('#grid img')].every(i => i.complete && i.naturalWidth === 32)");

        await page.Locator("#grid li button").Nth(1).ClickAsync();
        await Expect(page.Locator("#lightbox")).ToBeVisibleAsync();
        await Expect(page.Locator("#lightbox-name")).ToContainTextAsync("Second");
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#lightbox-download").ClickAsync());
        Assert.Equal("upload.png", download.SuggestedFilename);
        Assert.Equal(OceanHost.Png(red: 40), await File.ReadAllBytesAsync((await download.PathAsync())!, TestContext.Current.CancellationToken));
        await page.Keyboard.PressAsync("ArrowRight");
        await Expect(page.Locator("#lightbox-name")).ToContainTextAsync("First");
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.Locator("#lightbox")).ToBeHiddenAsync();

        var unknown = await context.NewPageAsync();
        await unknown.GotoAsync($"{fixture.BaseUrl}/ocean/gallery/no-such-token");
        await Expect(unknown.Locator("body")).ToHaveAttributeAsync("data-state", "error", new() { Timeout = 30_000 });
        Assert.Empty(errors);
    }

    [Fact]
    public async Task The_editor_adds_a_text_layer_drags_it_to_a_new_preview_and_renders_a_fetchable_file()
    {
        SkipWithoutChromium();
        var key = await fixture.UserAsync();
        var media = await fixture.UploadAsync(key, OceanHost.Png(800, 600, red: 20, green: 90, blue: 160), "Harbour");
        await using var context = await fixture.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        var errors = Errors(page);
        var previewBodies = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.Url.EndsWith("/api/live-editor/preview", StringComparison.Ordinal) && request.PostData is { } body)
            {
                lock (previewBodies)
                {
                    previewBodies.Add(body);
                }
            }
        };

        // The library links each image to its editor.
        await page.GotoAsync(fixture.BaseUrl + "/ocean/");
        await page.Locator("#key").FillAsync(key);
        await page.Locator("#key-form button").ClickAsync();
        await page.Locator($"a.edit[href='editor/{media}']").ClickAsync();
        await Expect(page.Locator("body")).ToHaveAttributeAsync("data-state", "ready", new() { Timeout = 30_000 });
        Assert.EndsWith($"/ocean/editor/{media}", page.Url);

        await page.Locator("#add-text").ClickAsync();
        await Expect(page.Locator("#layers li")).ToHaveCountAsync(1);
        await page.WaitForFunctionAsync("() => JSON.parse(document.getElementById('preview').dataset.body || '{}').layers?.length === 1", null, new() { Timeout = 30_000 });
        var before = await page.EvaluateAsync<int[]>("() => [window.editor.edit.layers[0].x, window.editor.edit.layers[0].y]");

        // Drag the layer's box 120 px right and 60 px down on the screen.
        var box = (await page.Locator("#boxes .box").First.BoundingBoxAsync())!;
        var (startX, startY) = (box.X + 5, box.Y + 5);
        await page.Mouse.MoveAsync(startX, startY);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(startX + 60, startY + 30, new() { Steps = 5 });
        await page.Mouse.MoveAsync(startX + 120, startY + 60, new() { Steps = 5 });
        await page.Mouse.UpAsync();
        var scale = await page.EvaluateAsync<double>("() => window.editor.scale");
        var after = await page.EvaluateAsync<int[]>("() => [window.editor.edit.layers[0].x, window.editor.edit.layers[0].y]");
        Assert.InRange(after[0] - before[0], (120 / scale) - 3, (120 / scale) + 3);
        Assert.InRange(after[1] - before[1], (60 / scale) - 3, (60 / scale) + 3);

        // A preview with the moved position was asked for and is the one shown.
        await page.WaitForFunctionAsync(
            "([x, y]) => { const body = JSON.parse(document.getElementById('preview').dataset.body || '{}'); return body.layers?.[0]?.x === x && body.layers[0].y === y; }",
            after, new() { Timeout = 30_000 });
        lock (previewBodies)
        {
            Assert.Contains(previewBodies, body =>
            {
                var layers = System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("layers");
                if (layers.GetArrayLength() == 0)
                {
                    return false;
                }

                var layer = layers[0];
                return layer.GetProperty("x").GetInt32() == after[0] && layer.GetProperty("y").GetInt32() == after[1] && layer.GetProperty("type").GetString() == "text";
            });
        }

        await page.WaitForFunctionAsync("() => { const i = document.getElementById('preview'); return i.complete && i.naturalWidth === 800; }");

        // Render: the URL is shown and serves the file.
        await page.Locator("#render").ClickAsync();
        await Expect(page.Locator("#render-url")).ToHaveCountAsync(1, Slow);
        var url = await page.Locator("#render-url").GetAttributeAsync("href");
        var file = await context.APIRequest.GetAsync(url!);
        Assert.Equal(200, file.Status);
        Assert.Equal("image/webp", file.Headers["content-type"]);
        Assert.True((await file.BodyAsync()).Length > 100);

        await page.Locator("#template-name").FillAsync("Harbour caption");
        await page.Locator("#save-template").ClickAsync();
        await Expect(page.Locator("#template-result")).ToContainTextAsync("saved", new() { Timeout = 30_000 });
        Assert.Empty(errors);
    }

    private static ILocator Tile(IPage page, string name) => page.Locator("#grid li", new() { Has = page.Locator(".name", new() { HasTextString = name }) });

    private static List<string> Errors(IPage page, string? ignore = null)
    {
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && (ignore is null || !message.Text.Contains(ignore, StringComparison.Ordinal)) && !message.Text.Contains("401", StringComparison.Ordinal))
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
        return errors;
    }

    private static void SkipWithoutChromium()
    {
        if (BrowserServerFixture.SkipReason is { } reason)
        {
            Assert.Skip(reason);
        }
    }
}
