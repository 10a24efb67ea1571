using NetVips;
using Tessera.Imaging;

namespace Tessera.Tests.Imaging;

/// <summary>Loads are bounded before decoding and report what the content is; resize and convert go through them.</summary>
public sealed class ImageLoaderTests
{
    [Fact]
    public void A_load_reports_size_format_alpha_and_frames()
    {
        var rgba = new byte[30 * 20 * 4];
        var png = ImageEncoder.Encode(rgba, 30, 20, ImageFormat.Png).Value;
        using var loaded = ImageLoader.Load(png).Value;
        Assert.Equal((30, 20, ImageFormat.Png, true, 1), (loaded.Width, loaded.Height, loaded.Format, loaded.HasAlpha, loaded.Frames));

        // Distinct frames: GIF encoders merge identical ones.
        var frames = Enumerable.Range(0, 8 * 8 * 3).SelectMany(i => new byte[] { (byte)(i / 64 * 100), 0, 0, 255 }).ToArray();
        var gif = ImageEncoder.Animation(frames, 8, 8, frames: 3, delayMs: 100, webp: false);
        using var animated = ImageLoader.Load(gif).Value;
        Assert.Equal((8, 8, ImageFormat.Gif, 3), (animated.Width, animated.Height, animated.Format, animated.Frames));
    }

    [Fact]
    public void A_decompression_bomb_is_refused_from_its_header()
    {
        var bomb = ImageDecoderTests.BombPng(20_000, 20_000);
        var result = ImageLoader.Load(bomb);
        Assert.Equal("validation_error", result.Error?.Code);
        Assert.Contains("20000x20000", result.Error!.Message, StringComparison.Ordinal);
        Assert.Equal("validation_error", ImageTransforms.Resize(bomb, 100, null).Error?.Code);
        Assert.Equal("validation_error", ImageTransforms.Convert(bomb, ImageFormat.WebP).Error?.Code);
    }

    [Fact]
    public void Oversized_unknown_and_corrupt_files_are_validation_errors()
    {
        var limits = new ImagingOptions { MaxBytes = 1_000 };
        using var photo = TestImages.Photo(200, 200, seed: 6);
        var jpeg = photo.JpegsaveBuffer();
        Assert.Contains("larger than 1000 bytes", ImageLoader.Load(jpeg, limits).Error?.Message, StringComparison.Ordinal);
        Assert.Equal("validation_error", ImageLoader.Load("GIF89a but not really"u8.ToArray()).Error?.Code);
        Assert.Equal("validation_error", ImageLoader.Load("%PDF-1.4"u8.ToArray()).Error?.Code);
        Assert.Equal("validation_error", ImageTransforms.Convert(jpeg[..(jpeg.Length / 3)], ImageFormat.Png).Error?.Code);
    }

    [Fact]
    public void Resize_keeps_the_aspect_or_stretches_and_bounds_the_output()
    {
        using var photo = TestImages.Photo(1920, 1080, seed: 8);
        var jpeg = photo.JpegsaveBuffer(q: 85);

        using (var byWidth = ImageTransforms.Resize(jpeg, 800, null).Value)
        {
            Assert.Equal((800, 450), (byWidth.Width, byWidth.Height));
        }

        using (var byHeight = ImageTransforms.Resize(jpeg, null, 270).Value)
        {
            Assert.Equal((480, 270), (byHeight.Width, byHeight.Height));
        }

        using (var stretched = ImageTransforms.Resize(photo, 100, 100, keepAspect: false).Value)
        {
            Assert.Equal((100, 100), (stretched.Width, stretched.Height));
        }

        using (var notEnlarged = ImageTransforms.Resize(jpeg, 4000, null, enlarge: false).Value)
        {
            Assert.Equal((1920, 1080), (notEnlarged.Width, notEnlarged.Height));
        }

        Assert.Equal("validation_error", ImageTransforms.Resize(jpeg, null, null).Error?.Code);
        Assert.Equal("validation_error", ImageTransforms.Resize(jpeg, 0, null).Error?.Code);
        Assert.Equal("validation_error", ImageTransforms.Resize(jpeg, 100, null, keepAspect: false).Error?.Code);
        using var bounded = ImageTransforms.Resize(jpeg, null, 9000).Value;
        Assert.True(bounded.Width <= ImagingOptions.Default.MaxOutputSide, $"{bounded.Width}x{bounded.Height}");
    }

    [Fact]
    public void Convert_writes_the_asked_format_at_the_asked_width()
    {
        using var photo = TestImages.Photo(1920, 1080, seed: 9);
        var webp = ImageTransforms.Convert(photo.JpegsaveBuffer(), ImageFormat.WebP, quality: 70, width: 800);
        Assert.True(webp.IsSuccess, webp.Error?.Message);
        Assert.Equal(ImageFormat.WebP, ImageSniffer.Sniff(webp.Value));
        using var back = Image.NewFromBuffer(webp.Value);
        Assert.Equal((800, 450), (back.Width, back.Height));

        var png = ImageTransforms.Convert(photo.JpegsaveBuffer(), ImageFormat.Png).Value;
        Assert.Equal(ImageFormat.Png, ImageSniffer.Sniff(png));
        Assert.Equal("validation_error", ImageTransforms.Convert(png, ImageFormat.Tiff).Error?.Code);
    }
}
