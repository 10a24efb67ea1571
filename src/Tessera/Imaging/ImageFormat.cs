namespace Tessera.Imaging;

/// <summary>The encoded formats Tessera accepts from clients; anything else is refused.</summary>
public enum ImageFormat
{
    Unknown,
    Png,
    Jpeg,
    Gif,
    WebP,
}

/// <summary>Tells an image's format from its first bytes (its magic number), never from a file name or content type.</summary>
public static class ImageSniffer
{
    private static ReadOnlySpan<byte> PngMagic => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private static ReadOnlySpan<byte> JpegMagic => [0xFF, 0xD8, 0xFF];

    private static ReadOnlySpan<byte> Gif87 => "GIF87a"u8;

    private static ReadOnlySpan<byte> Gif89 => "GIF89a"u8;

    public static ImageFormat Sniff(ReadOnlySpan<byte> data)
    {
        if (data.StartsWith(PngMagic))
        {
            return ImageFormat.Png;
        }

        if (data.StartsWith(JpegMagic))
        {
            return ImageFormat.Jpeg;
        }

        if (data.StartsWith(Gif87) || data.StartsWith(Gif89))
        {
            return ImageFormat.Gif;
        }

        // RIFF <4-byte size> WEBP
        return data.Length >= 12 && data[..4].SequenceEqual("RIFF"u8) && data[8..12].SequenceEqual("WEBP"u8)
            ? ImageFormat.WebP
            : ImageFormat.Unknown;
    }
}
