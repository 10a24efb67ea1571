using System.Net;
using System.Net.Http.Json;
using Tessera.Tests.Support;

namespace Tessera.Tests.Surfaces.OneMillionPixels;

public sealed class CanvasPngTests : IAsyncLifetime
{
    // The noise test sends 50 bulks back to back: more than the 10/s a key may write by default.
    private readonly TesseraFactory _factory = new TesseraFactory().WithManyWrites();

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

    [Fact]
    public async Task A_band_of_noise_is_stored_uncompressed_and_still_decodes_exactly()
    {
        var (_, owner) = await OmpTestHost.OwnerAsync(_factory, 0, 0, 1000, 50);
        var client = _factory.CreateClient();
        var random = new Random(7);
        var expected = new Dictionary<(int X, int Y), string>();
        for (var round = 0; round < 12; round++)
        {
            // First every pixel of the first band gets a random colour (incompressible), then 5 random bulks per round;
            // the PNG is rendered after each round, so the band goes through deflate, then stored, then deflate again.
            for (var bulk = 0; bulk < (round == 0 ? 50 : 5); bulk++)
            {
                var row = bulk;
                var pixels = Enumerable.Range(0, 1000)
                    .Select(i => round == 0 ? (x: i, y: row) : (x: random.Next(1000), y: random.Next(50)))
                    .Select(p => new { p.x, p.y, color = $"#{random.Next(1 << 24):X6}" }).ToArray();
                (await owner.PostAsJsonAsync("/omp/api/pixels", new { pixels }, Ct)).EnsureSuccessStatusCode();
                foreach (var pixel in pixels)
                {
                    expected[(pixel.x, pixel.y)] = pixel.color;
                }
            }

            var image = PngReader.Read(await client.GetByteArrayAsync("/omp/api/canvas", Ct));
            foreach (var ((x, y), color) in expected.Take(500))
            {
                Assert.Equal(color, PngReader.ColorAt(image, x, y));
            }
        }
    }
}
