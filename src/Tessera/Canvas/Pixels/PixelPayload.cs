using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Tessera.Canvas.Pixels;

/// <summary>
/// The packed pixels of one write, as stored in <c>pixel_writes.payload</c>: per pixel <c>u16 x, u16 y, u8 flags</c>,
/// then <c>u8 r, g, b</c> when flag 1 (colour) is set, then <c>u16 length + UTF-8</c> when flag 2 (url) is set.
/// 8 bytes a coloured pixel: a 1000-pixel bulk is an 8 KB blob, one row, one insert.
/// </summary>
public static class PixelPayload
{
    private const byte HasColor = 1;
    private const byte HasUrl = 2;

    public static byte[] Encode(IReadOnlyList<PixelChange> changes)
    {
        var size = 0;
        foreach (var change in changes)
        {
            size += 5 + (change.Color is null ? 0 : 3) + (change.Url is null ? 0 : 2 + Encoding.UTF8.GetByteCount(change.Url));
        }

        var buffer = new byte[size];
        var span = buffer.AsSpan();
        foreach (var change in changes)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(span, (ushort)change.X);
            BinaryPrimitives.WriteUInt16LittleEndian(span[2..], (ushort)change.Y);
            span[4] = (byte)((change.Color is null ? 0 : HasColor) | (change.Url is null ? 0 : HasUrl));
            span = span[5..];
            if (change.Color is { } color)
            {
                span[0] = (byte)(color >> 16);
                span[1] = (byte)(color >> 8);
                span[2] = (byte)color;
                span = span[3..];
            }

            if (change.Url is { } url)
            {
                var length = Encoding.UTF8.GetBytes(url, span[2..]);
                BinaryPrimitives.WriteUInt16LittleEndian(span, (ushort)length);
                span = span[(2 + length)..];
            }
        }

        return buffer;
    }

    public static List<PixelChange> Decode(ReadOnlySpan<byte> payload)
    {
        var changes = new List<PixelChange>();
        string? lastUrl = null;
        var lastUtf8 = ReadOnlySpan<byte>.Empty;
        while (payload.Length >= 5)
        {
            var x = BinaryPrimitives.ReadUInt16LittleEndian(payload);
            var y = BinaryPrimitives.ReadUInt16LittleEndian(payload[2..]);
            var flags = payload[4];
            payload = payload[5..];
            uint? color = null;
            string? url = null;
            if ((flags & HasColor) != 0)
            {
                color = (uint)(payload[0] << 16 | payload[1] << 8 | payload[2]);
                payload = payload[3..];
            }

            if ((flags & HasUrl) != 0)
            {
                var length = BinaryPrimitives.ReadUInt16LittleEndian(payload);
                var utf8 = payload.Slice(2, length);

                // The pixels of a bulk usually share one link: decode it once, not once per pixel.
                if (lastUrl is null || !utf8.SequenceEqual(lastUtf8))
                {
                    lastUrl = Encoding.UTF8.GetString(utf8);
                    lastUtf8 = utf8;
                }

                url = lastUrl;
                payload = payload[(2 + length)..];
            }

            changes.Add(new PixelChange(x, y, color, url));
        }

        return changes;
    }
}
