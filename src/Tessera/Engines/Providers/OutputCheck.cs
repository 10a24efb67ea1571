using Tessera.Imaging;

namespace Tessera.Engines.Providers;

/// <summary>
/// Turns downloaded bytes into an <see cref="EngineOutput"/>, with the content type read from the bytes (magic numbers),
/// never from the provider's header or file name: an HTML error page served as <c>image/png</c> fails as <c>bad_output</c>.
/// </summary>
internal static class OutputCheck
{
    public static EngineOutput ToOutput(byte[] bytes, ModelDefinition model, string engine)
    {
        var contentType = ContentTypeOf(bytes)
            ?? throw new EngineException("bad_output", $"{engine} returned {bytes.Length} bytes that are not a PNG, JPEG, GIF, WebP, MP4 or WebM file", transient: false);
        return new EngineOutput(bytes, contentType, model.OutputKind);
    }

    public static string? ContentTypeOf(ReadOnlySpan<byte> bytes)
    {
        switch (ImageSniffer.Sniff(bytes))
        {
            case ImageFormat.Png: return "image/png";
            case ImageFormat.Jpeg: return "image/jpeg";
            case ImageFormat.Gif: return "image/gif";
            case ImageFormat.WebP: return "image/webp";
        }

        // ISO base media (MP4, MOV): a box size, then "ftyp". WebM/Matroska: the EBML magic.
        if (bytes.Length >= 12 && bytes[4..8].SequenceEqual("ftyp"u8))
        {
            return "video/mp4";
        }

        return bytes.StartsWith((ReadOnlySpan<byte>)[0x1A, 0x45, 0xDF, 0xA3]) ? "video/webm" : null;
    }
}
