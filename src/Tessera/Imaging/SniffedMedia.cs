namespace Tessera.Imaging;

/// <summary>
/// A file's type as <see cref="ImageSniffer.Detect"/> tells it from the first bytes: its kind, a short format name
/// (<c>png</c>, <c>jpeg</c>, <c>gif</c>, <c>webp</c>, <c>avif</c>, <c>heif</c>, <c>bmp</c>, <c>tiff</c>, <c>mp4</c>,
/// <c>mov</c>, <c>webm</c>, <c>pdf</c>; empty for other), its content type and, for still images, the
/// <see cref="ImageFormat"/>.
/// </summary>
public sealed record SniffedMedia(MediaKind Kind, string Format, string ContentType, ImageFormat Image)
{
    public static readonly SniffedMedia Other = new(MediaKind.Other, "", "application/octet-stream", ImageFormat.Unknown);
}
