using System.Net.Http.Json;
using Tessera.Tests.Support;

namespace Tessera.Tests.Surfaces.OneMillionPixels;

/// <summary>
/// The configured background colour is read in one place (<c>CanvasDefinition.BackgroundRgb</c>): the PNG's unpainted
/// pixels, and the colour a link written on a never-painted pixel gives it in the pixel list and in its history.
/// </summary>
public sealed class CanvasBackgroundTests : IAsyncLifetime
{
    private readonly TesseraFactory _factory = new TesseraFactory()
        .With("Tessera:Canvas:Canvases:omp:Width", "1000").With("Tessera:Canvas:Canvases:omp:Height", "1000")
        .With("Tessera:Canvas:Canvases:omp:Mode", "Pixel").With("Tessera:Canvas:Canvases:omp:Background", "#102030")
        .With("Tessera:Canvas:Canvases:bsap:Width", "100").With("Tessera:Canvas:Canvases:bsap:Height", "40")
        .With("Tessera:Canvas:Canvases:bsap:Mode", "Placement");

    private HttpClient _owner = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => (_, _owner) = await OmpTestHost.OwnerAsync(_factory, 0, 0, 10, 10);

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task A_link_on_a_never_painted_pixel_gives_it_the_configured_background_in_the_list_and_the_history()
    {
        (await _owner.PostAsJsonAsync("/omp/api/pixels", new { x = 4, y = 5, url = "https://example.com/a" }, Ct)).EnsureSuccessStatusCode();

        var pixels = await (await _factory.CreateClient().GetAsync("/omp/api/pixels?x0=4&y0=5&x1=4&y1=5", Ct)).ReadJsonAsync();
        var pixel = Assert.Single(pixels.GetProperty("pixels").EnumerateArray());
        Assert.Equal("#102030", pixel.GetProperty("color").GetString());

        var history = await (await _factory.CreateClient().GetAsync("/omp/api/pixels/history?x=4&y=5", Ct)).ReadJsonAsync();
        var entry = Assert.Single(history.GetProperty("history").EnumerateArray());
        Assert.Equal("#102030", entry.GetProperty("new").GetProperty("color").GetString());
    }
}
