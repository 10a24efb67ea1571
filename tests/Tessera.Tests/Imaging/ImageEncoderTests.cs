using NetVips;
using Tessera.Imaging;

namespace Tessera.Tests.Imaging;

public sealed class ImageEncoderTests
{
    [Theory]
    [InlineData("png", ImageFormat.Png)]
    [InlineData("jpg", ImageFormat.Jpeg)]
    [InlineData("webp", ImageFormat.WebP)]
    [InlineData("gif", ImageFormat.Gif)]
    [InlineData("avif", ImageFormat.Avif)]
    public void Each_format_encodes_to_bytes_sniffed_as_that_format(string name, ImageFormat format)
    {
        Assert.Equal(format, ImageEncoder.ParseFormat(name));
        Assert.SkipUnless(ImageEncoder.Supports(format), $"this libvips has no {name} encoder");
        using var photo = TestImages.Photo(64, 48, seed: 2);
        var encoded = ImageEncoder.Encode(photo, format);
        Assert.True(encoded.IsSuccess, encoded.Error?.Message);
        Assert.Equal(format, ImageSniffer.Sniff(encoded.Value));
        using var loaded = ImageLoader.Load(encoded.Value).Value;
        Assert.Equal((64, 48), (loaded.Width, loaded.Height));
    }

    [Fact]
    public void Quality_changes_the_size_and_out_of_range_quality_is_refused()
    {
        using var photo = TestImages.Photo(256, 256, seed: 4);
        var low = ImageEncoder.Encode(photo, ImageFormat.Jpeg, 10).Value;
        var high = ImageEncoder.Encode(photo, ImageFormat.Jpeg, 95).Value;
        var auto = ImageEncoder.Encode(photo, ImageFormat.Jpeg).Value;
        Assert.True(low.Length < auto.Length && auto.Length < high.Length, $"{low.Length} {auto.Length} {high.Length}");
        Assert.Equal("validation_error", ImageEncoder.Encode(photo, ImageFormat.WebP, 0).Error?.Code);
        Assert.Equal("validation_error", ImageEncoder.Encode(photo, ImageFormat.WebP, 101).Error?.Code);
        Assert.Equal("validation_error", ImageEncoder.Encode(photo, ImageFormat.Bmp).Error?.Code);
        Assert.Equal(ImageFormat.Unknown, ImageEncoder.ParseFormat("bmp"));
    }

    [Fact]
    public void Transparency_is_flattened_for_jpeg_and_kept_for_png_and_webp()
    {
        var rgba = new byte[8 * 8 * 4];
        var png = ImageEncoder.Encode(rgba, 8, 8, ImageFormat.Png).Value;
        using (var back = Image.NewFromBuffer(png))
        {
            Assert.True(back.HasAlpha());
        }

        var jpeg = ImageEncoder.Encode(rgba, 8, 8, ImageFormat.Jpeg).Value;
        using var flat = Image.NewFromBuffer(jpeg);
        Assert.Equal(3, flat.Bands);
        Assert.True(flat.Avg() > 250, "transparent pixels become white in a JPEG");
    }

    [Fact]
    public void No_metadata_of_the_source_survives()
    {
        using var photo = TestImages.Photo(32, 32, seed: 5);
        using var tagged = photo.Mutate(image => image.Set(GValue.GStrType, "exif-ifd0-Artist", "Someone"));
        var jpeg = ImageEncoder.Encode(tagged, ImageFormat.Jpeg).Value;
        using var back = Image.NewFromBuffer(jpeg);
        Assert.DoesNotContain("exif-data", back.GetFields());
    }
}
