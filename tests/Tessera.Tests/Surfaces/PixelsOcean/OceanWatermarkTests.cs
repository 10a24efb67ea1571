using System.Text.Json;
using Microsoft.AspNetCore.Http;
using NetVips;
using Tessera.Tests.Outbound;
using Tessera.Tests.Support;
using static Tessera.Tests.Surfaces.PixelsOcean.OceanHost;

namespace Tessera.Tests.Surfaces.PixelsOcean;

public sealed class OceanWatermarkTests : IAsyncLifetime
{
    private const string WatermarkApi = "/ocean/api/watermark";

    // A day quota of 4 keeps the quota test short; the other tests use at most 4 work calls per account.
    private readonly OceanHost _host = Start(factory => factory
        .With("Tessera:Outbound:AllowPrivateNetworks", "true")
        .With("Tessera:RateLimits:Policies:ocean:0:Name", "day")
        .With("Tessera:RateLimits:Policies:ocean:0:Kind", "FixedWindow")
        .With("Tessera:RateLimits:Policies:ocean:0:Limit", "4")
        .With("Tessera:RateLimits:Policies:ocean:0:Window", "1.00:00:00")
        .With("Tessera:RateLimits:Policies:ocean:0:Partition", "Key"));

    private LocalReceiver _images = null!;

    public async ValueTask InitializeAsync() =>
        _images = await LocalReceiver.StartAsync(async (context, request) =>
        {
            var (status, body) = request.PathAndQuery switch
            {
                "/photo.png" => (200, Png(200, 100, red: 220, green: 20, blue: 20)),
                "/logo.png" => (200, Png(40, 20, red: 255, green: 255, blue: 255)),
                "/page" => (200, "<html>not an image</html>"u8.ToArray()),
                _ => (404, "missing"u8.ToArray()),
            };
            context.Response.StatusCode = status;
            await context.Response.Body.WriteAsync(body, context.RequestAborted);
        });

    public async ValueTask DisposeAsync()
    {
        await _images.DisposeAsync();
        await _host.DisposeAsync();
    }

    private string At(string path) => new Uri(_images.Url, path).ToString();

    [Fact]
    public async Task A_posted_watermark_is_laid_where_asked_and_kept_in_the_callers_library()
    {
        var key = await _host.UserAsync();
        var made = await _host.JsonAsync(HttpMethod.Post, WatermarkApi, key,
            new { image = At("photo.png"), watermark = At("logo.png"), position = "bottom-right", opacity = 100 });
        Assert.True(made.GetProperty("success").GetBoolean());
        Assert.Equal("bottom-right", made.GetProperty("position").GetString());
        Assert.Equal(100, made.GetProperty("opacity").GetInt32());

        using var result = await ImageAtAsync(made.GetProperty("url").GetString()!);
        Assert.Equal((200, 100), (result.Width, result.Height));
        // The mark is a quarter of the width (50×25), 2% (4 px) in from the bottom-right corner: white there, red elsewhere.
        Assert.Equal([255, 255, 255], Pixel(result, 200 - 4 - 10, 100 - 4 - 5));
        Assert.Equal([220, 20, 20], Pixel(result, 10, 10));
        Assert.Equal([220, 20, 20], Pixel(result, 100, 50));

        var id = made.GetProperty("media_id").GetInt64();
        var asset = (await _host.JsonAsync(HttpMethod.Get, $"{MediaApi}/{id}", key)).GetProperty("media");
        Assert.Equal("watermarked", asset.GetProperty("group").GetString());
        Assert.Equal("watermarked_photo.png", asset.GetProperty("filename").GetString());

        var stranger = await _host.UserAsync();
        using var foreign = await _host.SendAsync(HttpMethod.Get, $"{MediaApi}/{id}", stranger);
        Assert.Equal(404, (int)foreign.StatusCode);
    }

    [Fact]
    public async Task The_query_string_form_uses_the_docs_defaults_centre_and_thirty_percent()
    {
        var key = await _host.UserAsync();
        var query = $"?image={Uri.EscapeDataString(At("photo.png"))}&watermark={Uri.EscapeDataString(At("logo.png"))}";
        var made = await _host.JsonAsync(HttpMethod.Get, WatermarkApi + query, key);
        Assert.Equal("center", made.GetProperty("position").GetString());
        Assert.Equal(30, made.GetProperty("opacity").GetInt32());

        using var result = await ImageAtAsync(made.GetProperty("url").GetString()!);
        var centre = Pixel(result, 100, 50);
        // 30% white over (220, 20, 20): about (230, 90, 90).
        Assert.InRange(centre[0], 226, 234);
        Assert.InRange(centre[1], 85, 95);
        Assert.Equal([220, 20, 20], Pixel(result, 5, 5));
    }

    [Theory]
    [InlineData("""{"watermark":"LOGO"}""", "'image' is required")]
    [InlineData("""{"image":"PHOTO","watermark":"LOGO","opacity":101}""", "'opacity'")]
    [InlineData("""{"image":"PHOTO","watermark":"LOGO","opacity":true}""", "'opacity'")]
    [InlineData("""{"image":"PHOTO","watermark":"LOGO","position":"middle"}""", "'position' must be one of center")]
    [InlineData("""{"image":"PHOTO","watermark":"MISSING"}""", "watermark: The URL answered HTTP 404")]
    [InlineData("""{"image":"PAGE","watermark":"LOGO"}""", "image:")]
    [InlineData("""{"image":"ftp://example.com/a.png","watermark":"LOGO"}""", "image: It must be an absolute http(s) URL")]
    [InlineData("""["PHOTO"]""", "JSON object")]
    public async Task Bad_requests_are_400s_in_the_ocean_shape_that_say_what_to_fix(string body, string message)
    {
        var key = await _host.UserAsync();
        var json = body.Replace("PHOTO", At("photo.png"), StringComparison.Ordinal).Replace("LOGO", At("logo.png"), StringComparison.Ordinal)
            .Replace("MISSING", At("gone.png"), StringComparison.Ordinal).Replace("PAGE", At("page"), StringComparison.Ordinal);
        var error = await _host.JsonAsync(HttpMethod.Post, WatermarkApi, key, json, expected: 400);
        Assert.False(error.GetProperty("success").GetBoolean());
        Assert.Contains(message, error.GetProperty("error").GetString(), StringComparison.OrdinalIgnoreCase);
        var library = await _host.JsonAsync(HttpMethod.Get, $"{MediaApi}/list", key);
        Assert.Equal(0, library.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Without_a_key_it_is_401_and_a_private_address_is_refused_by_default()
    {
        using var anonymous = await _host.SendAsync(HttpMethod.Get, WatermarkApi + "?image=x&watermark=y", key: null);
        Assert.Equal(401, (int)anonymous.StatusCode);
        Assert.False((await anonymous.ReadJsonAsync()).GetProperty("success").GetBoolean());

        await using var strict = Start();
        var key = await strict.UserAsync();
        var refused = await strict.JsonAsync(HttpMethod.Post, WatermarkApi, key, new { image = At("photo.png"), watermark = At("logo.png") }, expected: 400);
        Assert.StartsWith("image:", refused.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watermarks_count_against_the_daily_quota_and_library_routes_do_not()
    {
        var key = await _host.UserAsync();
        for (var i = 0; i < 4; i++)
        {
            using var listed = await _host.SendAsync(HttpMethod.Get, $"{MediaApi}/list", key);
            Assert.Equal(200, (int)listed.StatusCode);
            using var made = await _host.SendAsync(HttpMethod.Get, WatermarkApi + $"?image={Uri.EscapeDataString(At("photo.png"))}&watermark={Uri.EscapeDataString(At("logo.png"))}", key);
            Assert.Equal(200, (int)made.StatusCode);
        }

        using var over = await _host.SendAsync(HttpMethod.Get, WatermarkApi + "?image=x&watermark=y", key);
        Assert.Equal(429, (int)over.StatusCode);
        Assert.False((await over.ReadJsonAsync()).GetProperty("success").GetBoolean());
        Assert.True(over.Headers.RetryAfter is not null);
        using var still = await _host.SendAsync(HttpMethod.Get, $"{MediaApi}/list", key);
        Assert.Equal(200, (int)still.StatusCode);
    }

    private async Task<Image> ImageAtAsync(string url)
    {
        var bytes = await _host.Client.GetByteArrayAsync(PathOf(url), Ct);
        return Image.NewFromBuffer(bytes);
    }

    private static int[] Pixel(Image image, int x, int y) => [.. image.Getpoint(x, y).Take(3).Select(value => (int)Math.Round(value))];
}
