using Microsoft.Playwright;
using Tessera.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Tessera.Tests.Surfaces.PixelsOcean.Web;

/// <summary><c>/ocean/</c> and <c>/ocean/gallery/{token}</c> in headless Chromium, through the public API only.</summary>
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
