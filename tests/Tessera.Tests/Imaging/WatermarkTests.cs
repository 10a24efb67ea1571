using NetVips;
using Tessera.Imaging;

namespace Tessera.Tests.Imaging;

public sealed class WatermarkTests
{
    /// <summary>A white 400×300 base and an opaque black 100×50 mark, as PNG.</summary>
    private static (byte[] Base, byte[] Mark) Pictures()
    {
        using var white = Image.Black(400, 300, bands: 3).Linear([1.0], [255.0]).Cast(Enums.BandFormat.Uchar).Copy(interpretation: Enums.Interpretation.Srgb);
        using var black = Image.Black(100, 50, bands: 3).Copy(interpretation: Enums.Interpretation.Srgb);
        return (white.PngsaveBuffer(), black.PngsaveBuffer());
    }

    /// <summary>The bounding box of the pixels darker than the white base.</summary>
    private static (int Left, int Top, int Right, int Bottom, double Darkest) Marked(byte[] png)
    {
        using var image = Image.NewFromBuffer(png);
        var pixels = image.ExtractBand(0).WriteToMemory<byte>();
        var (left, top, right, bottom, darkest) = (int.MaxValue, int.MaxValue, -1, -1, 255.0);
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                var value = pixels[(y * image.Width) + x];
                if (value < 250)
                {
                    (left, top, right, bottom) = (Math.Min(left, x), Math.Min(top, y), Math.Max(right, x), Math.Max(bottom, y));
                    darkest = Math.Min(darkest, value);
                }
            }
        }

        return (left, top, right, bottom, darkest);
    }

    [Theory]
    [InlineData("top-left", 8, 8)]
    [InlineData("top-right", 292, 8)]
    [InlineData("bottom-left", 8, 242)]
    [InlineData("bottom-right", 292, 242)]
    [InlineData("center", 150, 125)]
    public void The_mark_lands_at_the_named_position_scaled_to_the_base(string position, int left, int top)
    {
        var (background, mark) = Pictures();
        Assert.True(Watermark.TryParsePosition(position, out var parsed));
        var result = Watermark.Apply(background, mark, new WatermarkOptions(parsed, Opacity: 100, Scale: 0.25, Margin: 8));
        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal(ImageFormat.Png, ImageSniffer.Sniff(result.Value));

        // 25% of 400 = 100 wide, so 50 high at the mark's aspect (edges may blur by a pixel).
        var box = Marked(result.Value);
        Assert.InRange(box.Left, left - 1, left + 1);
        Assert.InRange(box.Top, top - 1, top + 1);
        Assert.InRange(box.Right - box.Left + 1, 99, 101);
        Assert.InRange(box.Bottom - box.Top + 1, 49, 51);
    }

    [Theory]
    [InlineData(30, 178)]
    [InlineData(50, 128)]
    [InlineData(0, 255)]
    public void Opacity_blends_the_mark_with_the_base(int opacity, int expectedGrey)
    {
        var (background, mark) = Pictures();
        var result = Watermark.Apply(background, mark, new WatermarkOptions(Opacity: opacity)).Value;
        using var image = Image.NewFromBuffer(result);
        var centre = image.Getpoint(200, 150);
        Assert.InRange(centre[0], expectedGrey - 2, expectedGrey + 2);
    }

    [Fact]
    public void The_docs_defaults_and_bad_options_are_refused_by_field()
    {
        Assert.Equal(WatermarkPosition.Center, new WatermarkOptions().Position);
        Assert.Equal(30, new WatermarkOptions().Opacity);
        Assert.False(Watermark.TryParsePosition("middle", out _));
        Assert.True(Watermark.TryParsePosition("Bottom-Right", out var position));
        Assert.Equal("bottom-right", Watermark.NameOf(position));

        var (background, mark) = Pictures();
        Assert.Contains("opacity", Watermark.Apply(background, mark, new WatermarkOptions(Opacity: 101)).Error?.Message, StringComparison.Ordinal);
        Assert.Contains("scale", Watermark.Apply(background, mark, new WatermarkOptions(Scale: 0)).Error?.Message, StringComparison.Ordinal);
        Assert.StartsWith("watermark:", Watermark.Apply(background, "nope"u8.ToArray(), new WatermarkOptions()).Error?.Message, StringComparison.Ordinal);
        Assert.StartsWith("image:", Watermark.Apply("nope"u8.ToArray(), mark, new WatermarkOptions()).Error?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_jpeg_base_stays_a_jpeg_and_a_transparent_mark_leaves_its_clear_pixels_alone()
    {
        using var photo = TestImages.Photo(300, 200, seed: 11);
        var rgba = new byte[60 * 60 * 4];
        var mark = ImageEncoder.Encode(rgba, 60, 60, ImageFormat.Png).Value;
        var result = Watermark.Apply(photo.JpegsaveBuffer(q: 95), mark, new WatermarkOptions(Opacity: 100)).Value;
        Assert.Equal(ImageFormat.Jpeg, ImageSniffer.Sniff(result));
        using var back = Image.NewFromBuffer(result);
        Assert.True(PerceptualHash.Distance(PerceptualHash.Compute(photo), PerceptualHash.Compute(back)) <= 2);
    }
}
