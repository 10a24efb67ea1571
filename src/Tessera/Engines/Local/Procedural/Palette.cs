namespace Tessera.Engines.Local.Procedural;

/// <summary>
/// The colours a picture is painted with: a few stops ordered dark to light and a 256-entry gradient through them, so
/// compositions index by a brightness-like value (0 = the darkest stop, 255 = the lightest) and never compute colours
/// per pixel. The gradient holds packed RGBA pixels (<see cref="Rgb.Packed"/>).
/// </summary>
internal sealed class Palette
{
    public Palette(IReadOnlyList<Rgb> stops)
    {
        if (stops.Count < 2)
        {
            throw new ArgumentException("A palette needs at least two stops.", nameof(stops));
        }

        Stops = stops;
        var packed = new uint[stops.Count];
        for (var i = 0; i < stops.Count; i++)
        {
            packed[i] = stops[i].Packed;
        }

        PackedStops = packed;
        Gradient = new uint[256];
        for (var i = 0; i < 256; i++)
        {
            var position = i / 255f * (stops.Count - 1);
            var lower = Math.Min((int)position, stops.Count - 2);
            Gradient[i] = stops[lower].Mix(stops[lower + 1], position - lower).Packed;
        }
    }

    public IReadOnlyList<Rgb> Stops { get; }

    /// <summary>The stops as packed pixels, for compositions that paint flat colours (stripes, tiles, pixel art).</summary>
    public uint[] PackedStops { get; }

    public uint[] Gradient { get; }

    public IEnumerable<string> Hex => Stops.Select(stop => stop.Hex);
}
