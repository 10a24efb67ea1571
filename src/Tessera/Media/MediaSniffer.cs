using Tessera.Imaging;

namespace Tessera.Media;

/// <summary>What the bytes of an upload are, as the library keeps it: its <see cref="AssetKind"/>, content type and extension.</summary>
public readonly record struct AssetType(string Kind, string ContentType, string Extension);

/// <summary>
/// The library's view of <see cref="ImageSniffer.Detect"/>: images, videos and documents told apart by content only;
/// anything else is refused, so a library never holds a file whose type a name claimed.
/// </summary>
public static class MediaSniffer
{
    public static AssetType? Sniff(ReadOnlySpan<byte> data)
    {
        var detected = ImageSniffer.Detect(data);
        var extension = detected.Format == "jpeg" ? "jpg" : detected.Format;
        return detected.Kind switch
        {
            MediaKind.Image => new AssetType(AssetKind.Image, detected.ContentType, extension),
            MediaKind.Video => new AssetType(AssetKind.Video, detected.ContentType, extension),
            MediaKind.Document => new AssetType(AssetKind.Document, detected.ContentType, extension),
            _ => null,
        };
    }
}
