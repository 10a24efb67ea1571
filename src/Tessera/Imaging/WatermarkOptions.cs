namespace Tessera.Imaging;

/// <summary>Where a watermark goes, by the Pixels Ocean doc's names (<c>/api/watermark</c>'s <c>position</c>).</summary>
public enum WatermarkPosition
{
    Center,
    TopLeft,
    TopRight,
    BottomLeft,
    BottomRight,
}

/// <summary>
/// How a watermark is laid: <see cref="Position"/> (default center, the doc's), <see cref="Opacity"/> 0–100 (default 30,
/// the doc's), <see cref="Scale"/> the watermark's width as a fraction of the base's (0–1, default 0.25; the aspect is
/// kept and it never exceeds the base), <see cref="Margin"/> pixels from the nearest edges (default 2% of the base's width).
/// </summary>
public sealed record WatermarkOptions(WatermarkPosition Position = WatermarkPosition.Center, int Opacity = 30, double Scale = 0.25, int? Margin = null);
