using System.Net;
using System.Net.Http.Json;
using NetVips;
using Tessera.Tests.Support;

namespace Tessera.Tests.Surfaces.OneMillionPixels;

public sealed class UploadTests : IAsyncLifetime
{
    private readonly TesseraFactory _factory = new();
    private HttpClient _owner = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => (_, _owner) = await OmpTestHost.OwnerAsync(_factory, 100, 100, 20, 20);

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    /// <summary>A PNG of the given RGBA pixels (row-major).</summary>
    private static byte[] Png(int width, int height, params byte[] rgba)
    {
        using var image = Image.NewFromMemory(rgba, width, height, 4, Enums.BandFormat.Uchar);
        using var srgb = image.Copy(interpretation: Enums.Interpretation.Srgb);
        return srgb.WriteToBuffer(".png");
    }

    private Task<HttpResponseMessage> UploadAsync(byte[] file, int x, int y, int? width = null, int? height = null, string? url = null, string fileName = "image.png")
    {
        var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(file), "image", fileName },
            { new StringContent(x.ToString(System.Globalization.CultureInfo.InvariantCulture)), "x" },
            { new StringContent(y.ToString(System.Globalization.CultureInfo.InvariantCulture)), "y" },
        };
        if (width is { } w)
        {
            form.Add(new StringContent(w.ToString(System.Globalization.CultureInfo.InvariantCulture)), "width");
        }

        if (height is { } h)
        {
            form.Add(new StringContent(h.ToString(System.Globalization.CultureInfo.InvariantCulture)), "height");
        }

        if (url is not null)
        {
            form.Add(new StringContent(url), "url");
        }

        return _owner.PostAsync("/omp/api/pixels/upload", form, Ct);
    }

    private async Task<Dictionary<(int, int), (string? Color, string? Url)>> PixelsAsync()
    {
        var body = await (await _factory.CreateClient().GetAsync("/omp/api/pixels", Ct)).ReadJsonAsync();
        return body.GetProperty("pixels").EnumerateArray().ToDictionary(
            p => (p.GetProperty("x").GetInt32(), p.GetProperty("y").GetInt32()),
            p => (p.GetProperty("color").GetString(), p.GetProperty("url").GetString()));
    }

    [Fact]
    public async Task An_image_is_stretched_to_the_rectangle_and_transparent_pixels_leave_what_is_under_them()
    {
        await _owner.PostAsJsonAsync("/omp/api/pixels", new { x = 101, y = 100, color = "#00FF00" }, Ct);
        var image = Png(2, 1, 255, 0, 0, 255, 0, 0, 255, 0);
        var response = await UploadAsync(image, 100, 100, 2, 1, url: "https://example.com/art");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var pixels = await PixelsAsync();
        Assert.Equal(("#FF0000", "https://example.com/art"), pixels[(100, 100)]);
        Assert.Equal(("#00FF00", null), pixels[(101, 100)]);
    }

    [Fact]
    public async Task The_default_rectangle_is_ten_by_ten()
    {
        var image = Png(1, 1, 0, 0, 255, 255);
        Assert.Equal(HttpStatusCode.OK, (await UploadAsync(image, 105, 105)).StatusCode);
        var pixels = await PixelsAsync();
        Assert.Equal(100, pixels.Count);
        Assert.Equal("#0000FF", pixels[(114, 114)].Color);
    }

    [Fact]
    public async Task Half_transparent_pixels_blend_over_the_background()
    {
        var image = Png(1, 1, 0, 0, 0, 128);
        Assert.Equal(HttpStatusCode.OK, (await UploadAsync(image, 100, 100, 1, 1)).StatusCode);
        Assert.Equal("#7F7F7F", (await PixelsAsync())[(100, 100)].Color);
    }

    [Fact]
    public async Task Uploading_over_pixels_one_does_not_own_is_refused_and_changes_nothing()
    {
        var image = Png(1, 1, 255, 0, 0, 255);
        var response = await UploadAsync(image, 115, 115, 10, 10);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(await PixelsAsync());
    }

    [Fact]
    public async Task A_file_that_is_not_an_image_is_refused_whatever_its_name()
    {
        var response = await UploadAsync("hello, not a png"u8.ToArray(), 100, 100, fileName: "art.png");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("validation_error", (await response.ReadJsonAsync()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_file_over_five_megabytes_is_refused_with_400()
    {
        var response = await UploadAsync(new byte[6 * 1024 * 1024], 100, 100);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await PixelsAsync());
    }

    [Fact]
    public async Task A_rectangle_outside_the_canvas_is_refused()
    {
        var image = Png(1, 1, 255, 0, 0, 255);
        Assert.Equal(HttpStatusCode.BadRequest, (await UploadAsync(image, 995, 0, 10, 10)).StatusCode);
    }
}
