using Tessera.Canvas.Pixels;

namespace Tessera.Tests.Canvas.Pixels;

public sealed class PixelSnapshotTests
{
    [Fact]
    public void A_snapshot_restores_colours_links_and_nothing_else()
    {
        var raster = new PixelRaster(20, 10, 0xFFFFFF);
        raster.Apply(7, [new PixelChange(0, 0, 0x123456, null), new PixelChange(19, 9, null, "https://example.com/é"), new PixelChange(5, 5, 0xABCDEF, "https://example.com/x")]);
        var (colors, urls, seq) = raster.Copy();

        var decoded = PixelSnapshot.Decode(PixelSnapshot.Encode(20, 10, colors, urls), 20, 10);

        Assert.NotNull(decoded);
        var restored = new PixelRaster(20, 10, 0xFFFFFF);
        restored.Load(decoded.Value.Colors, decoded.Value.Urls, seq);
        Assert.Equal(7, restored.Seq);
        Assert.Equal(0x123456u, restored.ColorAt(0, 0));
        Assert.Equal(0xFFFFFFu, restored.ColorAt(19, 9));
        Assert.Equal("https://example.com/é", System.Text.Encoding.UTF8.GetString(restored.UrlUtf8At(19, 9)!));
        Assert.Equal(0xABCDEFu, restored.ColorAt(5, 5));
        Assert.Null(restored.ColorAt(1, 1));
        Assert.Null(restored.UrlUtf8At(0, 0));
    }

    [Fact]
    public void A_snapshot_of_another_size_is_not_loaded()
    {
        var raster = new PixelRaster(4, 4, 0xFFFFFF);
        var (colors, urls, _) = raster.Copy();
        Assert.Null(PixelSnapshot.Decode(PixelSnapshot.Encode(4, 4, colors, urls), 8, 8));
    }
}
