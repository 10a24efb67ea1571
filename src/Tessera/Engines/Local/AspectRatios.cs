namespace Tessera.Engines.Local;

/// <summary>The aspect ratios the local engines accept and the frame size each gives for a long side.</summary>
internal static class AspectRatios
{
    public const string Default = "1:1";

    public static readonly IReadOnlyList<string> All = ["1:1", "16:9", "9:16", "4:3", "3:4", "3:2", "2:3", "21:9"];

    /// <summary>
    /// The size with <paramref name="longSide"/> on the longer side and the short side rounded to the nearest pixel
    /// (16:9 at 1024 → 1024×576, 3:2 → 1024×683); with <paramref name="even"/>, both sides rounded to even numbers, as
    /// H.264 in 4:2:0 needs. Unknown ratios are refused with <c>validation_error</c>.
    /// </summary>
    public static (int Width, int Height) Size(string ratio, int longSide, bool even = false)
    {
        if (!All.Contains(ratio))
        {
            throw EngineInput.Invalid($"aspect_ratio must be one of {string.Join(", ", All)}.");
        }

        var colon = ratio.IndexOf(':', StringComparison.Ordinal);
        var w = int.Parse(ratio.AsSpan(0, colon), System.Globalization.CultureInfo.InvariantCulture);
        var h = int.Parse(ratio.AsSpan(colon + 1), System.Globalization.CultureInfo.InvariantCulture);
        var (width, height) = w >= h ? (longSide, (int)Math.Round(longSide * (double)h / w)) : ((int)Math.Round(longSide * (double)w / h), longSide);
        return even ? (width & ~1, height & ~1) : (width, height);
    }
}
