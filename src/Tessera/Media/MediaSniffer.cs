using Tessera.Imaging;

namespace Tessera.Media;

/// <summary>What the bytes of an upload are (kind, content type, file extension), from their magic numbers only.</summary>
public readonly record struct SniffedMedia(string Kind, string ContentType, string Extension);

/// <summary>
/// Tells images (through <see cref="ImageSniffer"/>), videos (ISO BMFF <c>ftyp</c> — MP4, MOV, M4V —, Matroska/WebM,
/// AVI) and documents (PDF, ZIP-based office files and archives) apart by content; anything else is refused, so a
/// library never holds a file whose type a name claimed.
/// </summary>
public static class MediaSniffer
{
    public static SniffedMedia? Sniff(ReadOnlySpan<byte> data)
    {
        switch (ImageSniffer.Sniff(data))
        {
            case ImageFormat.Png: return new(AssetKind.Image, "image/png", "png");
            case ImageFormat.Jpeg: return new(AssetKind.Image, "image/jpeg", "jpg");
            case ImageFormat.Gif: return new(AssetKind.Image, "image/gif", "gif");
            case ImageFormat.WebP: return new(AssetKind.Image, "image/webp", "webp");
        }

        if (data.Length >= 12 && data[4..8].SequenceEqual("ftyp"u8))
        {
            var brand = data[8..12];
            if (brand.SequenceEqual("avif"u8) || brand.SequenceEqual("avis"u8))
            {
                return new(AssetKind.Image, "image/avif", "avif");
            }

            return brand.SequenceEqual("qt  "u8)
                ? new(AssetKind.Video, "video/quicktime", "mov")
                : new(AssetKind.Video, "video/mp4", "mp4");
        }

        if (data.StartsWith((ReadOnlySpan<byte>)[0x1A, 0x45, 0xDF, 0xA3]))
        {
            return new(AssetKind.Video, "video/webm", "webm");
        }

        if (data.Length >= 12 && data[..4].SequenceEqual("RIFF"u8) && data[8..12].SequenceEqual("AVI "u8))
        {
            return new(AssetKind.Video, "video/x-msvideo", "avi");
        }

        if (data.StartsWith("%PDF-"u8))
        {
            return new(AssetKind.Document, "application/pdf", "pdf");
        }

        if (data.StartsWith("PK\u0003\u0004"u8))
        {
            return new(AssetKind.Document, "application/zip", "zip");
        }

        return null;
    }
}
