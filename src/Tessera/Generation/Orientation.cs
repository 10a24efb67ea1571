namespace Tessera.Generation;

/// <summary>The seed's <c>orientation</c>: landscape (the default), portrait or square.</summary>
public enum Orientation
{
    Landscape,
    Portrait,
    Square,
}

/// <summary>What an orientation means to providers: an aspect ratio (16:9, 9:16, 1:1) and the local engine's pixel size.</summary>
public static class Orientations
{
    public const string Names = "landscape, portrait, square";

    public static bool TryParse(string? text, out Orientation orientation)
    {
        orientation = Orientation.Landscape;
        switch (text?.Trim().ToLowerInvariant())
        {
            case null or "" or "landscape":
                return true;
            case "portrait":
                orientation = Orientation.Portrait;
                return true;
            case "square":
                orientation = Orientation.Square;
                return true;
            default:
                return false;
        }
    }

    public static string NameOf(Orientation orientation) => orientation.ToString().ToLowerInvariant();

    public static string AspectRatio(Orientation orientation) => orientation switch
    {
        Orientation.Portrait => "9:16",
        Orientation.Square => "1:1",
        _ => "16:9",
    };

    /// <summary>Width and height with <paramref name="longSide"/> on the long side (16:9 at 1024 → 1024×576).</summary>
    public static (int Width, int Height) Size(Orientation orientation, int longSide)
    {
        var shortSide = (int)Math.Round(longSide * 9 / 16.0);
        return orientation switch
        {
            Orientation.Portrait => (shortSide, longSide),
            Orientation.Square => (longSide, longSide),
            _ => (longSide, shortSide),
        };
    }
}
