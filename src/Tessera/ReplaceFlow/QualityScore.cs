using Tessera.Imaging;

namespace Tessera.ReplaceFlow;

/// <summary>
/// <c>quality_score</c> 0–100 (docs/replaceflow.md): 60 points for resolution, 40 for compression, 25 off a watermarked
/// picture. Resolution: log-scaled from 256×256 (0) to 1920×1080 (full) — each doubling of pixels is worth the same.
/// Compression: bits per pixel of the file; lossless formats (PNG, GIF, TIFF) score full; for JPEG, WebP and AVIF,
/// 0.25 bpp or less scores 0 and 1.5 bpp or more full (a 1080p JPEG at quality 85 is ~1.5–2.5 bpp, at quality 40 ~0.5).
/// </summary>
public static class QualityScore
{
    private const double SmallPixels = 256 * 256;
    private const double FullPixels = 1920 * 1080;
    private const double LowBitsPerPixel = 0.25;
    private const double HighBitsPerPixel = 1.5;
    private const int WatermarkPenalty = 25;

    public static int Of(int width, int height, long bytes, ImageFormat format, bool watermarked)
    {
        var pixels = Math.Max(1.0, (double)width * height);
        var resolution = Math.Clamp(Math.Log(pixels / SmallPixels) / Math.Log(FullPixels / SmallPixels), 0, 1);
        var compression = format is ImageFormat.Png or ImageFormat.Gif or ImageFormat.Tiff
            ? 1.0
            : Math.Clamp(((bytes * 8.0 / pixels) - LowBitsPerPixel) / (HighBitsPerPixel - LowBitsPerPixel), 0, 1);
        var score = (int)Math.Round((60 * resolution) + (40 * compression)) - (watermarked ? WatermarkPenalty : 0);
        return Math.Clamp(score, 0, 100);
    }
}
