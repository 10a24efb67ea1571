namespace Tessera.Engines.Local.Procedural;

/// <summary>
/// Turns the colour words of a prompt into a <see cref="Palette"/>: the named colours (at most five, in prompt order),
/// ordered dark to light, framed by a shade of the darkest and a tint of the lightest so every composition has depth;
/// then each modifier word ("pastel", "dark", "neon" ...) applied. A prompt without colour words gets an analogous
/// scheme around a hue drawn from the seed (a neon grid gets synthwave magenta, cyan and orange).
/// </summary>
internal static class PaletteBuilder
{
    private const int MaxNamedColours = 5;

    private static readonly Rgb White = new(255, 255, 255);

    private static readonly Rgb NeonBlack = Rgb.FromHex(0x0A0614);

    /// <summary>The synthwave colours a neon grid takes when the prompt names none (a random hue looks wrong there).</summary>
    private static readonly Rgb[] Synthwave = [Rgb.FromHex(0x2A0A4A), Rgb.FromHex(0xD02A9E), Rgb.FromHex(0x22C8DC), Rgb.FromHex(0xF6A84A)];

    public static Palette Build(PromptWords words, int seed, Composition composition)
    {
        var colours = new List<Rgb>();
        var modifiers = new List<ColourModifier>();
        foreach (var term in words.Terms)
        {
            if (ColourWords.Colours.TryGetValue(term, out var named) && colours.Count < MaxNamedColours)
            {
                colours.AddRange(named.Take(MaxNamedColours - colours.Count).Where(c => !colours.Contains(c)));
            }

            if (ColourWords.Modifiers.TryGetValue(term, out var modifier) && !modifiers.Contains(modifier))
            {
                modifiers.Add(modifier);
            }
        }

        if (colours.Count == 0 && composition == Composition.NeonGrid)
        {
            colours.AddRange(Synthwave);
        }
        else if (colours.Count == 0)
        {
            var random = new SeededRandom(seed ^ 0x5EED_C010);
            var hue = random.Range(0, 360);
            colours.AddRange([Rgb.FromHsv(hue, 0.65f, 0.75f), Rgb.FromHsv(hue + 35, 0.5f, 0.92f), Rgb.FromHsv(hue - 45, 0.7f, 0.45f)]);
        }

        colours.Sort((a, b) => a.Luma.CompareTo(b.Luma));
        var stops = new List<Rgb>(colours.Count + 2) { colours[0].Scale(0.4f) };
        stops.AddRange(colours);
        stops.Add(colours[^1].Mix(White, 0.35f));

        foreach (var modifier in modifiers)
        {
            Apply(modifier, stops);
        }

        stops.Sort((a, b) => a.Luma.CompareTo(b.Luma));
        return new Palette(stops);
    }

    private static void Apply(ColourModifier modifier, List<Rgb> stops)
    {
        for (var i = 0; i < stops.Count; i++)
        {
            stops[i] = modifier switch
            {
                ColourModifier.Pastel => stops[i].Mix(White, 0.55f),
                ColourModifier.Dark => stops[i].Scale(0.5f),
                ColourModifier.Neon => Brighten(stops[i].Saturate(2f)),
                ColourModifier.Vivid => stops[i].Saturate(1.4f),
                ColourModifier.Muted => stops[i].Saturate(0.5f),
                _ => stops[i],
            };
        }

        if (modifier == ColourModifier.Neon)
        {
            // Neon glows against the dark: the darkest stop becomes near-black.
            stops[0] = NeonBlack;
        }
    }

    /// <summary>Scales a colour so its brightest channel is 255 (neon light is at full intensity).</summary>
    private static Rgb Brighten(Rgb colour)
    {
        var max = Math.Max(colour.R, Math.Max(colour.G, colour.B));
        return max == 0 ? colour : colour.Scale(255f / max);
    }
}
