using System.Buffers.Binary;
using System.IO.Compression;
using System.Runtime.InteropServices;

namespace Tessera.Canvas.Pixels;

/// <summary>
/// A raster as <c>pixel_snapshots.data</c> stores it, zlib-compressed: <c>u32 width, u32 height</c>, then every pixel's
/// colour word as the raster keeps it (4 B, bit 24 = painted), then the links: <c>u32 count</c> and per link
/// <c>u32 index, u16 length, UTF-8</c>. A fully painted 1000×1000 canvas is 4 MB before compression; a typical one
/// (areas of one colour) compresses to a few hundred KB.
/// </summary>
internal static class PixelSnapshot
{
    public static byte[] Encode(int width, int height, uint[] colors, byte[]?[] urls)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            Span<byte> word = stackalloc byte[8];
            BinaryPrimitives.WriteUInt32LittleEndian(word, (uint)width);
            BinaryPrimitives.WriteUInt32LittleEndian(word[4..], (uint)height);
            zlib.Write(word);
            if (!BitConverter.IsLittleEndian)
            {
                throw new PlatformNotSupportedException("Snapshots are written little-endian.");
            }

            zlib.Write(MemoryMarshal.AsBytes(colors.AsSpan()));
            var count = 0;
            foreach (var url in urls)
            {
                count += url is null ? 0 : 1;
            }

            BinaryPrimitives.WriteUInt32LittleEndian(word, (uint)count);
            zlib.Write(word[..4]);
            for (var i = 0; i < urls.Length; i++)
            {
                if (urls[i] is { } url)
                {
                    BinaryPrimitives.WriteUInt32LittleEndian(word, (uint)i);
                    BinaryPrimitives.WriteUInt16LittleEndian(word[4..], (ushort)url.Length);
                    zlib.Write(word[..6]);
                    zlib.Write(url);
                }
            }
        }

        return output.ToArray();
    }

    /// <summary>The colours and links of a snapshot of a <paramref name="width"/>×<paramref name="height"/> canvas, or null when its size differs.</summary>
    public static (uint[] Colors, byte[]?[] Urls)? Decode(byte[] data, int width, int height)
    {
        using var zlib = new ZLibStream(new MemoryStream(data), CompressionMode.Decompress);
        Span<byte> word = stackalloc byte[8];
        zlib.ReadExactly(word);
        if (BinaryPrimitives.ReadUInt32LittleEndian(word) != width || BinaryPrimitives.ReadUInt32LittleEndian(word[4..]) != height)
        {
            return null;
        }

        var colors = new uint[width * height];
        zlib.ReadExactly(MemoryMarshal.AsBytes(colors.AsSpan()));
        var urls = new byte[]?[width * height];
        zlib.ReadExactly(word[..4]);
        var count = BinaryPrimitives.ReadUInt32LittleEndian(word);
        byte[]? last = null;
        for (var i = 0; i < count; i++)
        {
            zlib.ReadExactly(word[..6]);
            var index = (int)BinaryPrimitives.ReadUInt32LittleEndian(word);
            var url = new byte[BinaryPrimitives.ReadUInt16LittleEndian(word[4..])];
            zlib.ReadExactly(url);

            // Neighbours usually share a link (a bulk or an upload gives one link to many pixels): keep one copy.
            if (last is not null && last.AsSpan().SequenceEqual(url))
            {
                url = last;
            }

            urls[index] = last = url;
        }

        return (colors, urls);
    }
}
