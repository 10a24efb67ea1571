using System.Net;
using System.Text.Json;
using Tessera.Tests.Support;

namespace Tessera.Tests.Surfaces.OneMillionPixels;

/// <summary>Issue #11 item 7: a rectangle whose <c>x + width</c> overflows an int is outside the canvas (400), not a crash.</summary>
public sealed class UploadBoundsTests : IAsyncLifetime
{
    private readonly TesseraFactory _factory = new();
    private HttpClient _owner = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => (_, _owner) = await OmpTestHost.OwnerAsync(_factory, 0, 0, 20, 20);

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private static byte[] RedPixel()
    {
        using var image = NetVips.Image.NewFromMemory(new byte[] { 255, 0, 0, 255 }, 1, 1, 4, NetVips.Enums.BandFormat.Uchar);
        using var srgb = image.Copy(interpretation: NetVips.Enums.Interpretation.Srgb);
        return srgb.WriteToBuffer(".png");
    }

    [Theory]
    [InlineData("2147483000", "0", "1000", "10")]
    [InlineData("0", "2147483647", "10", "1")]
    [InlineData("5", "5", "2147483647", "2147483647")]
    public async Task A_rectangle_whose_end_overflows_an_int_is_a_400_validation_error(string x, string y, string width, string height)
    {
        var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(RedPixel()), "image", "image.png" },
            { new StringContent(x), "x" },
            { new StringContent(y), "y" },
            { new StringContent(width), "width" },
            { new StringContent(height), "height" },
        };
        var response = await _owner.PostAsync("/omp/api/pixels/upload", form, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("validation_error", JsonDocument.Parse(text).RootElement.GetProperty("code").GetString());
    }
}
