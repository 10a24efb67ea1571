using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;
using NetVips;
using Tessera.Imaging;

namespace Tessera.Tests.Imaging;

public sealed class ImageDecoderTests
{
    /// <summary>A solid sRGB image of one colour (3 bands, or 4 with <paramref name="alpha"/>), encoded by libvips.</summary>
    private static byte[] Solid(int width, int height, string suffix, double r, double g, double b, double? alpha = null)
    {
        double[] bands = alpha is { } a ? [r, g, b, a] : [r, g, b];
        using var black = Image.Black(width, height);
        using var colour = black.NewFromImage(bands);
        using var srgb = colour.Copy(interpretation: Enums.Interpretation.Srgb);
        return srgb.WriteToBuffer(suffix);
    }

    [Theory]
    [InlineData(".png")]
    [InlineData(".jpg")]
    [InlineData(".gif")]
    [InlineData(".webp")]
    public void Each_accepted_format_is_stretched_to_exact_rgba(string suffix)
    {
        var encoded = Solid(16, 9, suffix, 255, 0, 0);
        var result = ImageDecoder.DecodeToRgba(encoded, 7, 5);
        Assert.True(result.IsSuccess, result.Error?.Message);
        var rgba = result.Value;
        Assert.Equal(7 * 5 * 4, rgba.Length);
        for (var i = 0; i < rgba.Length; i += 4)
        {
            Assert.InRange(rgba[i], 240, 255);
            Assert.InRange(rgba[i + 1], 0, 15);
            Assert.InRange(rgba[i + 2], 0, 15);
            Assert.Equal(255, rgba[i + 3]);
        }
    }

    [Fact]
    public void A_small_image_is_stretched_up_and_transparency_is_kept()
    {
        var encoded = Solid(2, 3, ".png", 0, 0, 255, alpha: 0);
        var rgba = ImageDecoder.DecodeToRgba(encoded.AsSpan(), 20, 10).Value;
        Assert.Equal(20 * 10 * 4, rgba.Length);
        Assert.All(Enumerable.Range(0, 200), i => Assert.Equal(0, rgba[(i * 4) + 3]));
    }

    [Fact]
    public void The_format_is_told_by_content_not_name()
    {
        Assert.Equal(ImageFormat.Png, ImageSniffer.Sniff(Solid(2, 2, ".png", 1, 2, 3)));
        Assert.Equal(ImageFormat.Jpeg, ImageSniffer.Sniff(Solid(2, 2, ".jpg", 1, 2, 3)));
        Assert.Equal(ImageFormat.Gif, ImageSniffer.Sniff(Solid(2, 2, ".gif", 1, 2, 3)));
        Assert.Equal(ImageFormat.WebP, ImageSniffer.Sniff(Solid(2, 2, ".webp", 1, 2, 3)));
    }

    [Theory]
    [InlineData("just some text renamed to picture.png")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>")]
    [InlineData("")]
    public void Anything_else_is_an_unsupported_image_type(string content)
    {
        var result = ImageDecoder.DecodeToRgba(System.Text.Encoding.UTF8.GetBytes(content), 10, 10);
        Assert.Equal("validation_error", result.Error!.Code);
        Assert.Contains("unsupported image type", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_over_the_byte_limit_is_refused()
    {
        var encoded = Solid(64, 64, ".png", 10, 20, 30);
        var result = ImageDecoder.DecodeToRgba(encoded, 10, 10, new ImagingOptions { MaxBytes = encoded.Length - 1 });
        Assert.Equal("validation_error", result.Error!.Code);
        Assert.True(ImageDecoder.DecodeToRgba(encoded, 10, 10, new ImagingOptions { MaxBytes = encoded.Length }).IsSuccess);
        Assert.Equal(5 * 1024 * 1024, ImagingOptions.Default.MaxBytes);
    }

    [Fact]
    public void A_decompression_bomb_is_refused_from_its_header_without_decoding()
    {
        var bomb = BombPng(20_000, 20_000);
        Assert.InRange(bomb.Length, 1, 200_000); // tens of KB that would decode to 1.6 GB of RGBA

        var before = GC.GetTotalAllocatedBytes();
        var clock = Stopwatch.StartNew();
        var result = ImageDecoder.DecodeToRgba(bomb, 100, 100);
        Assert.Equal("validation_error", result.Error!.Code);
        Assert.Contains("20000x20000", result.Error.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.True(GC.GetTotalAllocatedBytes() - before < 10_000_000);
    }

    [Fact]
    public void A_lower_pixel_bound_refuses_smaller_images_too()
    {
        var encoded = Solid(100, 100, ".png", 1, 1, 1);
        Assert.Equal("validation_error", ImageDecoder.DecodeToRgba(encoded, 10, 10, new ImagingOptions { MaxPixels = 9_999 }).Error!.Code);
        Assert.True(ImageDecoder.DecodeToRgba(encoded, 10, 10, new ImagingOptions { MaxPixels = 10_000 }).IsSuccess);
    }

    [Fact]
    public void A_truncated_image_is_a_validation_error_not_an_exception()
    {
        var encoded = Solid(64, 64, ".png", 200, 100, 50);
        var result = ImageDecoder.DecodeToRgba(encoded[..(encoded.Length / 2)], 10, 10);
        Assert.Equal("validation_error", result.Error!.Code);

        var header = Solid(64, 64, ".jpg", 200, 100, 50)[..40];
        Assert.Equal("validation_error", ImageDecoder.DecodeToRgba(header, 10, 10).Error!.Code);
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(10, -1)]
    [InlineData(10_001, 1)]
    public void The_target_rectangle_must_be_sane(int width, int height)
    {
        var result = ImageDecoder.DecodeToRgba(Solid(4, 4, ".png", 0, 0, 0), width, height);
        Assert.Equal("validation_error", result.Error!.Code);
    }

    /// <summary>A valid 1-bit greyscale PNG of the given size, all black: deflate squeezes its 50 MB of rows to tens of KB.</summary>
    internal static byte[] BombPng(int width, int height)
    {
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 1; // bit depth
        ihdr[9] = 0; // greyscale
        WriteChunk(png, "IHDR", ihdr);

        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var row = new byte[1 + ((width + 7) / 8)]; // filter byte 0, then zeros
            for (var y = 0; y < height; y++)
            {
                zlib.Write(row);
            }
        }

        WriteChunk(png, "IDAT", compressed.ToArray());
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void WriteChunk(Stream stream, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        stream.Write(length);
        var typeBytes = System.Text.Encoding.ASCII.GetBytes(type);
        stream.Write(typeBytes);
        stream.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(length, Crc32([.. typeBytes, .. data]));
        stream.Write(length);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
