using Tessera.Engines;
using Tessera.Imaging;

namespace Tessera.Jobs;

/// <summary>
/// Refuses garbage before it is stored: no outputs, an empty one, or bytes whose magic number is not the content type
/// the engine claims (PNG, GIF, WebP, JPEG, MP4 — the only types jobs serve).
/// </summary>
internal static class OutputCheck
{
    public static string? Problem(EngineResult? result)
    {
        if (result?.Outputs is not { Count: > 0 } outputs)
        {
            return "The engine returned no outputs.";
        }

        for (var i = 0; i < outputs.Count; i++)
        {
            var output = outputs[i];
            if (output.Content.IsEmpty)
            {
                return $"Output {i} is empty.";
            }

            if (!Matches(output.ContentType, output.Content.Span))
            {
                return $"Output {i} is not the {output.ContentType} it claims to be.";
            }
        }

        return null;
    }

    private static bool Matches(string? contentType, ReadOnlySpan<byte> bytes) => contentType switch
    {
        "image/png" => ImageSniffer.Sniff(bytes) == ImageFormat.Png,
        "image/jpeg" => ImageSniffer.Sniff(bytes) == ImageFormat.Jpeg,
        "image/gif" => ImageSniffer.Sniff(bytes) == ImageFormat.Gif,
        "image/webp" => ImageSniffer.Sniff(bytes) == ImageFormat.WebP,
        // ISO base media: <4-byte box size> "ftyp" <brand>.
        "video/mp4" => bytes.Length >= 12 && bytes[4..8].SequenceEqual("ftyp"u8),
        _ => false,
    };
}
