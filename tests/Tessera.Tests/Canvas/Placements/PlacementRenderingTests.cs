using Tessera.Canvas.Placements;
using Tessera.Canvas.Rendering;
using Tessera.Tests.Support;

namespace Tessera.Tests.Canvas.Placements;

public sealed class PlacementRenderingTests : IAsyncLifetime
{
    private readonly TesseraFactory _factory = PlacementHost.Configure(new TesseraFactory(), PlacementHost.NewClock());

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private async Task<Placement> PlaceAsync(int x, int y, int size, byte[] image, byte[]? agentImage = null)
    {
        var placement = (await _factory.Placements().ReserveAsync(PlacementHost.Request(x, y, size, image: image, agentImage: agentImage), Ct)).Value;
        Assert.True((await _factory.Placements().ActivateAsync(placement.PaymentHash, Ct)).Value.Activated);
        return placement;
    }

    [Fact]
    public async Task The_composites_show_active_placements_at_one_to_fifty()
    {
        var renderer = _factory.Renderer();
        var empty = await renderer.CompositeAsync(PlacementLayer.Public, Ct);
        var blank = PngReader.Read(empty.Png);
        Assert.Equal((1000, 400), (blank.Width, blank.Height));
        Assert.Equal("#FFFFFF", PngReader.ColorAt(blank, 25, 15));

        // Pending placements do not render; active ones do.
        var pending = (await _factory.Placements().ReserveAsync(PlacementHost.Request(40_000, 10_000, 500, ip: "192.0.2.50"), Ct)).Value;
        await PlaceAsync(1000, 500, 500, PlacementHost.Png(255, 0, 0), agentImage: PlacementHost.Png(0, 0, 255));
        var composite = await renderer.CompositeAsync(PlacementLayer.Public, Ct);
        Assert.NotEqual(empty.ETag, composite.ETag);
        Assert.Same(composite, await renderer.CompositeAsync(PlacementLayer.Public, Ct));
        var image = PngReader.Read(composite.Png);
        Assert.Equal("#FF0000", PngReader.ColorAt(image, 20, 10));
        Assert.Equal("#FF0000", PngReader.ColorAt(image, 29, 19));
        Assert.Equal("#FFFFFF", PngReader.ColorAt(image, 30, 19));
        Assert.Equal("#FFFFFF", PngReader.ColorAt(image, 19, 10));
        Assert.Equal("#FFFFFF", PngReader.ColorAt(image, 800, 200));
        Assert.NotNull(pending);

        var agent = PngReader.Read((await renderer.CompositeAsync(PlacementLayer.Agent, Ct)).Png);
        Assert.Equal("#0000FF", PngReader.ColorAt(agent, 25, 15));

        // A 25-pixel square covers a quarter of one composite pixel: a quarter of its colour over the white.
        await PlaceAsync(5000, 5000, 25, PlacementHost.Png(0, 0, 0));
        var mixed = PngReader.Read((await renderer.CompositeAsync(PlacementLayer.Public, Ct)).Png);
        Assert.Equal("#BFBFBF", PngReader.ColorAt(mixed, 100, 100));
        Assert.Equal("#FF0000", PngReader.ColorAt(mixed, 25, 15));
    }

    [Fact]
    public async Task Tiles_show_placements_at_each_zoom_and_only_touched_tiles_are_redrawn()
    {
        var renderer = _factory.Renderer();
        Assert.Equal(8, renderer.Pyramid.MaxZoom);
        Assert.Null(await renderer.TileAsync(8, 196, 0, Ct));
        Assert.Null(await renderer.TileAsync(9, 0, 0, Ct));

        var before = await renderer.TileAsync(8, 4, 2, Ct);
        var elsewhere = await renderer.TileAsync(8, 100, 50, Ct);
        Assert.Same(before, await renderer.TileAsync(8, 4, 2, Ct));

        // 1024 + 100 = 1124 → tile 4 at zoom 8 (span 256), pixel 100.
        await PlaceAsync(1124, 612, 40, PlacementHost.Png(0, 200, 0));
        var after = await renderer.TileAsync(8, 4, 2, Ct);
        Assert.NotEqual(before!.ETag, after!.ETag);
        Assert.Same(elsewhere, await renderer.TileAsync(8, 100, 50, Ct));
        var tile = PngReader.Read(after.Png);
        Assert.Equal((256, 256), (tile.Width, tile.Height));
        Assert.Equal("#00C800", PngReader.ColorAt(tile, 100, 100));
        Assert.Equal("#00C800", PngReader.ColorAt(tile, 139, 139));
        Assert.Equal("#FFFFFF", PngReader.ColorAt(tile, 140, 100));

        // Zoom 6: span 1024, 4 canvas pixels a tile pixel: the square is 10 tile pixels at (1124 − 1024) / 4 = 25.
        var zoom6 = PngReader.Read((await renderer.TileAsync(6, 1, 0, Ct))!.Png);
        Assert.Equal("#00C800", PngReader.ColorAt(zoom6, 25, 153));
        Assert.Equal("#00C800", PngReader.ColorAt(zoom6, 34, 162));
        Assert.Equal("#FFFFFF", PngReader.ColorAt(zoom6, 35, 162));
    }

    [Fact]
    public async Task Zoomed_out_tiles_come_from_the_composite_and_follow_new_placements()
    {
        var renderer = _factory.Renderer();
        var blank = PngReader.Read((await renderer.TileAsync(0, 0, 0, Ct))!.Png);
        Assert.Equal("#FFFFFF", PngReader.ColorAt(blank, 10, 10));

        // Zoom 0: one tile spans 65,536 canvas pixels, 256 a tile pixel: a 6,400-pixel square at (6400, 6400) (on whole
        // composite pixels and whole tile pixels) is the tile pixels [25, 50)². Zoom 2 (64 a pixel): pixels [100, 200)².
        await PlaceAsync(6400, 6400, 6400, PlacementHost.Png(0, 0, 200));
        var zoom0 = PngReader.Read((await renderer.TileAsync(0, 0, 0, Ct))!.Png);
        Assert.Equal("#0000C8", PngReader.ColorAt(zoom0, 25, 25));
        Assert.Equal("#0000C8", PngReader.ColorAt(zoom0, 49, 49));
        Assert.Equal("#FFFFFF", PngReader.ColorAt(zoom0, 50, 49));
        Assert.Equal("#FFFFFF", PngReader.ColorAt(zoom0, 24, 25));
        Assert.Equal("#FFFFFF", PngReader.ColorAt(zoom0, 250, 10)); // beyond the canvas's 50,000 columns: background

        var zoom2 = PngReader.Read((await renderer.TileAsync(2, 0, 0, Ct))!.Png);
        Assert.Equal("#0000C8", PngReader.ColorAt(zoom2, 100, 100));
        Assert.Equal("#0000C8", PngReader.ColorAt(zoom2, 199, 199));
        Assert.Equal("#FFFFFF", PngReader.ColorAt(zoom2, 200, 199));

        // A square of one composite pixel (50 × 50) at zoom 0 is 50² / 256² = 3.8% of a tile pixel: 255 × 0.962 = 245.
        await PlaceAsync(25_600, 12_800, 50, PlacementHost.Png(0, 0, 0));
        var tinted = PngReader.Read((await renderer.TileAsync(0, 0, 0, Ct))!.Png);
        Assert.Equal("#F5F5F5", PngReader.ColorAt(tinted, 100, 50));
    }
}
