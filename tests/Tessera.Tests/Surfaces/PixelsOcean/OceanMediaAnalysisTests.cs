using System.Net;
using System.Text.Json;
using NetVips;
using Tessera.Tests.Support;
using static Tessera.Tests.Surfaces.PixelsOcean.OceanHost;

namespace Tessera.Tests.Surfaces.PixelsOcean;

/// <summary>What analysis adds after upload (pHash, colours, OCR), search by colour, and optimised copies.</summary>
public sealed class OceanMediaAnalysisTests : IAsyncLifetime
{
    private readonly OceanHost _host = Start();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Analysis_adds_a_perceptual_hash_and_named_dominant_colours_within_seconds()
    {
        var key = await _host.UserAsync();
        var id = (await _host.UploadAsync(key, Png(64, 48, 220, 30, 30))).GetProperty("media_id").GetInt64();

        var media = await AnalysedAsync(key, id);

        Assert.Equal("done", media.GetProperty("analysis").GetString());
        Assert.Matches("^[0-9a-f]{16}$", media.GetProperty("phash").GetString());
        var colour = media.GetProperty("colors")[0];
        Assert.Equal("#dc1e1e", colour.GetProperty("hex").GetString());
        Assert.False(string.IsNullOrEmpty(colour.GetProperty("name").GetString()));
        Assert.True(colour.GetProperty("share").GetDouble() > 0.9);
    }

    [Fact]
    public async Task Search_by_colour_finds_the_nearest_dominant_colours_not_the_exact_hex()
    {
        var key = await _host.UserAsync();
        var red = (await _host.UploadAsync(key, Png(40, 40, 200, 20, 20))).GetProperty("media_id").GetInt64();
        var blue = (await _host.UploadAsync(key, Png(40, 40, 30, 60, 210))).GetProperty("media_id").GetInt64();
        var green = (await _host.UploadAsync(key, Png(40, 40, 20, 160, 40))).GetProperty("media_id").GetInt64();
        foreach (var id in new[] { red, blue, green })
        {
            await AnalysedAsync(key, id);
        }

        async Task<long[]> Ids(string color) =>
            [.. (await _host.JsonAsync(HttpMethod.Get, $"{MediaApi}/search?color={Uri.EscapeDataString(color)}", key)).GetProperty("media").EnumerateArray().Select(m => m.GetProperty("id").GetInt64())];

        Assert.Equal([red], await Ids("#d01818")); // near, not equal
        Assert.Equal([blue], await Ids("#2040e0"));
        Assert.Equal([green], await Ids("#1aa032"));
        Assert.Empty(await Ids("#ffff00"));
        await _host.JsonAsync(HttpMethod.Get, $"{MediaApi}/search?color=reddish", key, expected: 400);

        // A trashed asset is out of the colour search (alone and with another filter), and back once restored.
        await _host.JsonAsync(HttpMethod.Delete, $"{MediaApi}/{red}", key);
        Assert.Empty(await Ids("#d01818"));
        Assert.Empty((await _host.JsonAsync(HttpMethod.Get, $"{MediaApi}/search?color=%23d01818&type=image", key)).GetProperty("media").EnumerateArray());
        await _host.JsonAsync(HttpMethod.Post, $"{MediaApi}/{red}/restore", key);
        Assert.Equal([red], await Ids("#d01818"));
        var other = await _host.UserAsync();
        Assert.Empty((await _host.JsonAsync(HttpMethod.Get, $"{MediaApi}/search?color=%23d01818", other)).GetProperty("media").EnumerateArray());
    }

    [Fact]
    public async Task Ocr_text_is_searchable_when_tesseract_is_installed()
    {
        if (!File.Exists("/usr/bin/tesseract"))
        {
            Assert.Skip("tesseract is not installed (apt-get install tesseract-ocr; scripts/test installs it).");
        }

        var key = await _host.UserAsync();
        using var mask = Image.Text("LIGHTHOUSE", dpi: 300);
        using var black = (255 - mask).Cast(Enums.BandFormat.Uchar);
        using var page = black.Embed(40, 40, mask.Width + 80, mask.Height + 80, extend: Enums.Extend.White);
        var id = (await _host.UploadAsync(key, page.PngsaveBuffer(), "sign.png", ("name", "scan"))).GetProperty("media_id").GetInt64();

        var media = await AnalysedAsync(key, id);

        Assert.Contains("LIGHTHOUSE", media.GetProperty("ocr_text").GetString(), StringComparison.OrdinalIgnoreCase);
        var found = await _host.JsonAsync(HttpMethod.Get, $"{MediaApi}/search?q=lighthouse", key);
        Assert.Equal(id, found.GetProperty("media")[0].GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task Optimize_gives_a_signed_url_whose_copy_is_resized_encoded_and_cached()
    {
        var key = await _host.UserAsync();
        using (var photo = Image.Black(1920, 1080, bands: 3).NewFromImage(40, 120, 200).Cast(Enums.BandFormat.Uchar))
        {
            var id = (await _host.UploadAsync(key, photo.PngsaveBuffer(), "wide.png")).GetProperty("media_id").GetInt64();
            var optimized = await _host.JsonAsync(HttpMethod.Post, $"{MediaApi}/{id}/optimize", key, new { width = 800, quality = "auto", format = "webp" });
            Assert.Equal(800, optimized.GetProperty("width").GetInt32());
            Assert.Equal("webp", optimized.GetProperty("format").GetString());
            var path = PathOf(optimized.GetProperty("url").GetString()!);

            using var first = await _host.Client.GetAsync(path, Ct);
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.Equal("image/webp", first.Content.Headers.ContentType!.MediaType);
            Assert.Contains("immutable", first.Headers.CacheControl!.ToString());
            var bytes = await first.Content.ReadAsByteArrayAsync(Ct);
            using (var webp = Image.NewFromBuffer(bytes))
            {
                Assert.Equal((800, 450), (webp.Width, webp.Height));
            }

            using var second = await _host.Client.GetAsync(path, Ct);
            Assert.Equal(bytes, await second.Content.ReadAsByteArrayAsync(Ct));
            Assert.Equal(first.Headers.ETag, second.Headers.ETag);

            using var edited = await _host.Client.GetAsync(path.Replace("/w800-", "/w801-", StringComparison.Ordinal), Ct);
            Assert.Equal(HttpStatusCode.NotFound, edited.StatusCode);

            var larger = await _host.JsonAsync(HttpMethod.Post, $"{MediaApi}/{id}/optimize", key, new { width = 4000, format = "jpg", quality = 70 });
            var jpeg = await _host.Client.GetByteArrayAsync(PathOf(larger.GetProperty("url").GetString()!), Ct);
            using (var image = Image.NewFromBuffer(jpeg))
            {
                Assert.Equal(1920, image.Width); // never enlarged
            }

            var stranger = await _host.UserAsync();
            await _host.JsonAsync(HttpMethod.Post, $"{MediaApi}/{id}/optimize", stranger, new { width = 800 }, 404);
            foreach (var bad in new object[] { new { width = 0 }, new { width = 99999 }, new { quality = "best" }, new { quality = 101 }, new { format = "bmp" }, new { width = "wide" } })
            {
                await _host.JsonAsync(HttpMethod.Post, $"{MediaApi}/{id}/optimize", key, bad, 400);
            }
        }

        var pdf = (await _host.UploadAsync(key, "%PDF-1.4\n%%EOF\n"u8.ToArray(), "doc.pdf")).GetProperty("media_id").GetInt64();
        await _host.JsonAsync(HttpMethod.Post, $"{MediaApi}/{pdf}/optimize", key, new { width = 800 }, 400);
    }

    private async Task<JsonElement> AnalysedAsync(string key, long id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var media = (await _host.JsonAsync(HttpMethod.Get, $"{MediaApi}/{id}", key)).GetProperty("media");
            if (media.GetProperty("analysis").GetString() != "pending")
            {
                return media;
            }

            Assert.True(DateTime.UtcNow < deadline, $"media {id} still pending");
            await Task.Delay(100, Ct);
        }
    }
}
