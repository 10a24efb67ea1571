namespace Tessera.Imaging;

/// <summary>
/// The one rule for what a generation output may be, read from its bytes (magic numbers), never from a provider's header
/// or a file name: PNG, JPEG, GIF, WebP images, MP4 (a QuickTime container plays as MP4) and WebM videos. Provider engines
/// type what they download with it, and the job runner checks every output against it before storing, so an output an
/// engine accepts is one a job serves (docs/engines.md: WebM included), and HTML served as <c>image/png</c> is neither.
/// </summary>
public static class OutputMedia
{
    /// <summary>The content type <paramref name="bytes"/> are, or null when they are none of the output types.</summary>
    public static string? ContentTypeOf(ReadOnlySpan<byte> bytes)
    {
        var media = ImageSniffer.Detect(bytes);
        return media.Image switch
        {
            ImageFormat.Png or ImageFormat.Jpeg or ImageFormat.Gif or ImageFormat.WebP => media.ContentType,
            _ when media.Kind == MediaKind.Video => media.Format switch
            {
                "mp4" or "mov" => "video/mp4",
                "webm" => "video/webm",
                _ => null,
            },
            _ => null,
        };
    }

    /// <summary>Whether <paramref name="bytes"/> are the output type <paramref name="contentType"/> claims.</summary>
    public static bool Is(string? contentType, ReadOnlySpan<byte> bytes) =>
        contentType is not null && string.Equals(ContentTypeOf(bytes), contentType, StringComparison.Ordinal);
}
