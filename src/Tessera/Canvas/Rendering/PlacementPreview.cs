namespace Tessera.Canvas.Rendering;

/// <summary>
/// A placement's preview: its image area-averaged to one pixel per 16 canvas pixels (at least 1, at most 1024 a side),
/// straight RGBA. Stored with the row (so a node starts without decoding any image) and kept in memory: it is finer
/// than the 1:50 composite and than every tile from zoom 4 up, which therefore never decode a full image. In memory
/// it costs 4 bytes per 256 canvas pixels: 100,000 squares of side 10-200 take about 20 MB, a full canvas 16 MB.
/// </summary>
internal static class PlacementPreview
{
    public const int CanvasPixelsPerPreviewPixel = 16;

    public static int SideFor(int size) => Math.Clamp((size + CanvasPixelsPerPreviewPixel - 1) / CanvasPixelsPerPreviewPixel, 1, 1024);

    /// <summary>Area-averages <paramref name="rgba"/> (side × side) down to the preview of a square of side <paramref name="size"/>.</summary>
    public static byte[] From(ReadOnlySpan<byte> rgba, int side, int size)
    {
        var previewSide = SideFor(size);
        var accumulator = new float[previewSide * previewSide * 4];
        SquareResampler.Add(rgba, side, 0, 0, previewSide, 0, 0, 1, accumulator, previewSide, 0, 0, previewSide, previewSide);
        var preview = new byte[previewSide * previewSide * 4];
        for (var i = 0; i < previewSide * previewSide; i++)
        {
            var coverage = accumulator[i * 4 + 3];
            if (coverage <= 0)
            {
                continue;
            }

            // Back to straight alpha: the accumulator holds colour × coverage.
            preview[i * 4] = Channel(accumulator[i * 4] / coverage);
            preview[i * 4 + 1] = Channel(accumulator[i * 4 + 1] / coverage);
            preview[i * 4 + 2] = Channel(accumulator[i * 4 + 2] / coverage);
            preview[i * 4 + 3] = Channel(coverage * 255);
        }

        return preview;
    }

    private static byte Channel(float value) => (byte)Math.Clamp((int)(value + 0.5f), 0, 255);
}
