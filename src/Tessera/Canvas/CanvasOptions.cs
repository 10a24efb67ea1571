using Tessera.Canvas.Pixels;

namespace Tessera.Canvas;

/// <summary><c>Tessera:Canvas</c>: the canvases this server runs. Defaults: the two seed canvases.</summary>
public sealed class CanvasOptions
{
    public const string Section = "Tessera:Canvas";

    public Dictionary<string, CanvasDefinition> Canvases { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The configured canvases, or the seed docs' two when none are configured.</summary>
    public IReadOnlyDictionary<string, CanvasDefinition> Effective => Canvases.Count > 0
        ? Canvases
        : new Dictionary<string, CanvasDefinition>(StringComparer.Ordinal)
        {
            ["omp"] = new() { Width = 1000, Height = 1000, Mode = CanvasMode.Pixel },
            ["bsap"] = new() { Width = 50_000, Height = 20_000, Mode = CanvasMode.Placement },
        };
}

public sealed class CanvasDefinition
{
    public int Width { get; set; }

    public int Height { get; set; }

    /// <summary><c>Pixel</c>: owners paint single pixels (One Million Pixels). <c>Placement</c>: squares sold whole (Billion Satoshi).</summary>
    public CanvasMode Mode { get; set; } = CanvasMode.Pixel;

    /// <summary>The colour of every pixel nobody painted: <c>#RRGGBB</c> or <c>#RGB</c>; white when unset or unreadable.</summary>
    public string Background { get; set; } = DefaultBackground;

    public const string DefaultBackground = "#FFFFFF";

    /// <summary>
    /// <see cref="Background"/> as 0xRRGGBB: the one reading of it, for the PNG and tiles (unpainted pixels), the raster
    /// and the history (a link written on a never-painted pixel paints it this colour).
    /// </summary>
    public uint BackgroundRgb => PixelColor.TryParse(Background, out var parsed) || PixelColor.TryParse(DefaultBackground, out parsed) ? parsed : 0;
}

public enum CanvasMode
{
    Pixel,
    Placement,
}
