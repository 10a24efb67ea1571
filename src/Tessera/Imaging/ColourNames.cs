namespace Tessera.Imaging;

/// <summary>
/// The names dominant colours are given: 32 CSS named colours (CSS Color Module Level 4, with their CSS values),
/// chosen to cover the hue circle, the greys and the common browns and pastels with words people search for.
/// A colour takes the name nearest by CIEDE2000.
/// </summary>
public static class ColourNames
{
    public static readonly IReadOnlyList<(string Name, string Hex)> Palette =
    [
        ("black", "#000000"), ("dimgray", "#696969"), ("gray", "#808080"), ("silver", "#c0c0c0"), ("white", "#ffffff"),
        ("maroon", "#800000"), ("red", "#ff0000"), ("crimson", "#dc143c"), ("salmon", "#fa8072"), ("coral", "#ff7f50"),
        ("orange", "#ffa500"), ("chocolate", "#d2691e"), ("brown", "#a52a2a"), ("tan", "#d2b48c"), ("beige", "#f5f5dc"),
        ("gold", "#ffd700"), ("yellow", "#ffff00"), ("khaki", "#f0e68c"), ("olive", "#808000"), ("lime", "#00ff00"),
        ("green", "#008000"), ("darkgreen", "#006400"), ("teal", "#008080"), ("turquoise", "#40e0d0"), ("cyan", "#00ffff"),
        ("skyblue", "#87ceeb"), ("blue", "#0000ff"), ("navy", "#000080"), ("indigo", "#4b0082"), ("purple", "#800080"),
        ("violet", "#ee82ee"), ("pink", "#ffc0cb"),
    ];

    private static readonly (string Name, Lab Lab)[] Labs = Palette.Select(entry => (entry.Name, ColourScience.FromHex(entry.Hex))).ToArray();

    /// <summary>The palette name nearest to <paramref name="colour"/> by CIEDE2000.</summary>
    public static string Nearest(Lab colour)
    {
        var best = Labs[0].Name;
        var bestDistance = double.MaxValue;
        foreach (var (name, lab) in Labs)
        {
            var distance = ColourScience.Ciede2000(colour, lab);
            if (distance < bestDistance)
            {
                (best, bestDistance) = (name, distance);
            }
        }

        return best;
    }
}
