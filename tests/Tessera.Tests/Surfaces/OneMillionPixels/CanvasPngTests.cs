using System.Net;
using System.Net.Http.Json;
using Tessera.Tests.Support;

namespace Tessera.Tests.Surfaces.OneMillionPixels;

public sealed class CanvasPngTests : IAsyncLifetime
{
    private readonly TesseraFactory _factory = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task The_canvas_png_shows_the_paint_and_answers_304_until_it_changes()
    {
        var (_, owner) = await OmpTestHost.OwnerAsync(_factory, 0, 990, 1000, 10);
        var client = _factory.CreateClient();

        var blank = await client.GetAsync("/omp/api/canvas", Ct);
        Assert.Equal("image/png", blank.Content.Headers.ContentType!.MediaType);
        var image = PngReader.Read(await blank.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal((1000, 1000), (image.Width, image.Height));
        Assert.Equal("#FFFFFF", PngReader.ColorAt(image, 500, 995));

        var notModified = new HttpRequestMessage(HttpMethod.Get, "/omp/api/canvas");
        notModified.Headers.IfNoneMatch.Add(blank.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(notModified, Ct)).StatusCode);

        await owner.PostAsJsonAsync("/omp/api/pixels", new { pixels = new[] { new { x = 500, y = 995, color = "#102030" }, new { x = 999, y = 999, color = "#ABCDEF" } } }, Ct);
        var painted = await client.GetAsync("/omp/api/canvas", Ct);
        Assert.NotEqual(blank.Headers.ETag, painted.Headers.ETag);
        image = PngReader.Read(await painted.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal("#102030", PngReader.ColorAt(image, 500, 995));
        Assert.Equal("#ABCDEF", PngReader.ColorAt(image, 999, 999));
        Assert.Equal("#FFFFFF", PngReader.ColorAt(image, 0, 0));
    }
}
