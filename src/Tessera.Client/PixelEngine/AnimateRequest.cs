namespace Tessera.Client.PixelEngine;

/// <summary>
/// <c>POST /animate</c>'s body: the sprite as base64 (PNG, JPEG, GIF or WebP), the motion prompt, and optional
/// <see cref="Frames"/> (2–32, default 8), <see cref="Fps"/> (1–30) and <see cref="Format"/> (<c>gif</c> or <c>webp</c>).
/// </summary>
public sealed record AnimateRequest(string Image, string Prompt, int? Frames = null, int? Fps = null, string? Format = null)
{
    /// <summary>A request for the image bytes <paramref name="image"/> (encoded here).</summary>
    public static AnimateRequest FromBytes(ReadOnlySpan<byte> image, string prompt, int? frames = null, int? fps = null, string? format = null) =>
        new(Convert.ToBase64String(image), prompt, frames, fps, format);
}
