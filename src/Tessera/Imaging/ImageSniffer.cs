namespace Tessera.Imaging;

/// <summary>
/// Tells a file's type from its first bytes (magic numbers and, for ISO media, the <c>ftyp</c> brand), never from a
/// file name or a declared content type. The one place that knows these signatures.
/// </summary>
public static class ImageSniffer
{
    /// <summary>How many leading bytes <see cref="Detect"/> may look at (ISO <c>ftyp</c> boxes list compatible brands).</summary>
    public const int HeaderBytes = 64;

    private static ReadOnlySpan<byte> PngMagic => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private static ReadOnlySpan<byte> JpegMagic => [0xFF, 0xD8, 0xFF];

    private static ReadOnlySpan<byte> EbmlMagic => [0x1A, 0x45, 0xDF, 0xA3];

    private static ReadOnlySpan<byte> TiffLittle => [(byte)'I', (byte)'I', 0x2A, 0x00];

    private static ReadOnlySpan<byte> TiffBig => [(byte)'M', (byte)'M', 0x00, 0x2A];

    private static readonly SniffedMedia Png = new(MediaKind.Image, "png", "image/png", ImageFormat.Png);
    private static readonly SniffedMedia Jpeg = new(MediaKind.Image, "jpeg", "image/jpeg", ImageFormat.Jpeg);
    private static readonly SniffedMedia Gif = new(MediaKind.Image, "gif", "image/gif", ImageFormat.Gif);
    private static readonly SniffedMedia WebP = new(MediaKind.Image, "webp", "image/webp", ImageFormat.WebP);
    private static readonly SniffedMedia Avif = new(MediaKind.Image, "avif", "image/avif", ImageFormat.Avif);
    private static readonly SniffedMedia Heif = new(MediaKind.Image, "heif", "image/heif", ImageFormat.Heif);
    private static readonly SniffedMedia Bmp = new(MediaKind.Image, "bmp", "image/bmp", ImageFormat.Bmp);
    private static readonly SniffedMedia Tiff = new(MediaKind.Image, "tiff", "image/tiff", ImageFormat.Tiff);
    private static readonly SniffedMedia Mp4 = new(MediaKind.Video, "mp4", "video/mp4", ImageFormat.Unknown);
    private static readonly SniffedMedia Mov = new(MediaKind.Video, "mov", "video/quicktime", ImageFormat.Unknown);
    private static readonly SniffedMedia WebM = new(MediaKind.Video, "webm", "video/webm", ImageFormat.Unknown);
    private static readonly SniffedMedia Pdf = new(MediaKind.Document, "pdf", "application/pdf", ImageFormat.Unknown);

    /// <summary>The still-image format of <paramref name="data"/>, or <see cref="ImageFormat.Unknown"/>.</summary>
    public static ImageFormat Sniff(ReadOnlySpan<byte> data) => Detect(data).Image;

    /// <summary>The kind, format and content type of <paramref name="data"/>; <see cref="SniffedMedia.Other"/> when unknown.</summary>
    public static SniffedMedia Detect(ReadOnlySpan<byte> data)
    {
        if (data.StartsWith(PngMagic))
        {
            return Png;
        }

        if (data.StartsWith(JpegMagic))
        {
            return Jpeg;
        }

        if (data.StartsWith("GIF87a"u8) || data.StartsWith("GIF89a"u8))
        {
            return Gif;
        }

        // RIFF <4-byte size> WEBP
        if (data.Length >= 12 && data[..4].SequenceEqual("RIFF"u8) && data[8..12].SequenceEqual("WEBP"u8))
        {
            return WebP;
        }

        // ISO base media (AVIF, HEIF, MP4, MOV): a 4-byte box size, then "ftyp", the major brand, a version and the
        // compatible brands up to the box's end.
        if (data.Length >= 12 && data[4..8].SequenceEqual("ftyp"u8))
        {
            return IsoMedia(data);
        }

        if (data.StartsWith(EbmlMagic))
        {
            return WebM;
        }

        if (data.StartsWith("%PDF-"u8))
        {
            return Pdf;
        }

        // "BM", then the file size and two reserved zero words: the reserved words keep a text file starting "BM" out.
        if (data.Length >= 14 && data.StartsWith("BM"u8) && data[6..10].SequenceEqual((ReadOnlySpan<byte>)[0, 0, 0, 0]))
        {
            return Bmp;
        }

        return data.StartsWith(TiffLittle) || data.StartsWith(TiffBig) ? Tiff : SniffedMedia.Other;
    }

    private static SniffedMedia IsoMedia(ReadOnlySpan<byte> data)
    {
        var boxSize = (int)Math.Min(System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(data), (uint)Math.Min(data.Length, HeaderBytes));
        var major = data[8..12];
        if (major.SequenceEqual("avif"u8) || major.SequenceEqual("avis"u8))
        {
            return Avif;
        }

        if (major.SequenceEqual("heic"u8) || major.SequenceEqual("heix"u8) || major.SequenceEqual("mif1"u8) || major.SequenceEqual("msf1"u8))
        {
            // A "mif1" file is AVIF when "avif" is among its compatible brands (libavif writes major "avif", others "mif1").
            return HasBrand(data, boxSize, "avif"u8) ? Avif : Heif;
        }

        return major.SequenceEqual("qt  "u8) ? Mov : Mp4;
    }

    private static bool HasBrand(ReadOnlySpan<byte> data, int boxSize, ReadOnlySpan<byte> brand)
    {
        for (var offset = 16; offset + 4 <= boxSize; offset += 4)
        {
            if (data.Slice(offset, 4).SequenceEqual(brand))
            {
                return true;
            }
        }

        return false;
    }
}
