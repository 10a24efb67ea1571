using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace Tessera.Tests.Support;

/// <summary>
/// Reads the 8-bit RGB, unfiltered PNGs Tessera's canvas encoder writes, checking every chunk CRC and the zlib
/// Adler-32, so tests see exactly what a browser would decode.
/// </summary>
public static class PngReader
{
    public static (int Width, int Height, byte[] Rgb) Read(byte[] png)
    {
        Assert.Equal(new byte[] { 137, 80, 78, 71, 13, 10, 26, 10 }, png[..8]);
        var span = png.AsSpan(8);
        int width = 0, height = 0;
        using var idat = new MemoryStream();
        while (span.Length >= 12)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(span);
            var type = System.Text.Encoding.ASCII.GetString(span.Slice(4, 4));
            var data = span.Slice(8, length);
            var crc = BinaryPrimitives.ReadUInt32BigEndian(span[(8 + length)..]);
            Assert.Equal(Crc32.HashToUInt32(span.Slice(4, 4 + length)), crc);
            if (type == "IHDR")
            {
                width = (int)BinaryPrimitives.ReadUInt32BigEndian(data);
                height = (int)BinaryPrimitives.ReadUInt32BigEndian(data[4..]);
                Assert.Equal(8, data[8]);
                Assert.Equal(2, data[9]);
            }
            else if (type == "IDAT")
            {
                idat.Write(data);
            }

            span = span[(12 + length)..];
        }

        var zlib = idat.ToArray();
        using var inflated = new MemoryStream();
        using (var deflate = new DeflateStream(new MemoryStream(zlib, 2, zlib.Length - 6), CompressionMode.Decompress))
        {
            deflate.CopyTo(inflated);
        }

        var raw = inflated.ToArray();
        Assert.Equal(height * (1 + width * 3), raw.Length);
        Assert.Equal(BinaryPrimitives.ReadUInt32BigEndian(zlib.AsSpan(zlib.Length - 4)), Adler(raw));
        var rgb = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            Assert.Equal(0, raw[y * (1 + width * 3)]);
            raw.AsSpan(y * (1 + width * 3) + 1, width * 3).CopyTo(rgb.AsSpan(y * width * 3));
        }

        return (width, height, rgb);
    }

    public static string ColorAt((int Width, int Height, byte[] Rgb) image, int x, int y)
    {
        var i = (y * image.Width + x) * 3;
        return $"#{image.Rgb[i]:X2}{image.Rgb[i + 1]:X2}{image.Rgb[i + 2]:X2}";
    }

    private static uint Adler(byte[] data)
    {
        uint a = 1, b = 0;
        foreach (var value in data)
        {
            a = (a + value) % 65521;
            b = (b + a) % 65521;
        }

        return (b << 16) | a;
    }
}
