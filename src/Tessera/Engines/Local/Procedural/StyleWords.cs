namespace Tessera.Engines.Local.Procedural;

/// <summary>
/// The words a prompt picks its composition and finish with. The first composition word in the prompt wins; a prompt
/// with none gets one drawn from the seed. Words may also be colour words ("sunset", "ocean", "neon").
/// </summary>
internal static class StyleWords
{
    public static readonly IReadOnlyDictionary<string, Composition> Compositions = new Dictionary<string, Composition>(StringComparer.Ordinal)
    {
        ["minimal"] = Composition.Minimal,
        ["minimalist"] = Composition.Minimal,
        ["simple"] = Composition.Minimal,
        ["gradient"] = Composition.Minimal,
        ["clean"] = Composition.Minimal,
        ["landscape"] = Composition.Landscape,
        ["sunset"] = Composition.Landscape,
        ["sunrise"] = Composition.Landscape,
        ["mountain"] = Composition.Landscape,
        ["mountains"] = Composition.Landscape,
        ["hills"] = Composition.Landscape,
        ["valley"] = Composition.Landscape,
        ["horizon"] = Composition.Landscape,
        ["desert"] = Composition.Landscape,
        ["clouds"] = Composition.Clouds,
        ["cloud"] = Composition.Clouds,
        ["cloudy"] = Composition.Clouds,
        ["fog"] = Composition.Clouds,
        ["mist"] = Composition.Clouds,
        ["smoke"] = Composition.Clouds,
        ["noise"] = Composition.Clouds,
        ["nebula"] = Composition.Clouds,
        ["marble"] = Composition.Clouds,
        ["mosaic"] = Composition.Mosaic,
        ["voronoi"] = Composition.Mosaic,
        ["stained glass"] = Composition.Mosaic,
        ["tiles"] = Composition.Mosaic,
        ["cells"] = Composition.Mosaic,
        ["crystal"] = Composition.Mosaic,
        ["circles"] = Composition.Circles,
        ["circle"] = Composition.Circles,
        ["bubbles"] = Composition.Circles,
        ["rings"] = Composition.Circles,
        ["dots"] = Composition.Circles,
        ["orbs"] = Composition.Circles,
        ["stripes"] = Composition.Stripes,
        ["striped"] = Composition.Stripes,
        ["lines"] = Composition.Stripes,
        ["bands"] = Composition.Stripes,
        ["geometric"] = Composition.Geometric,
        ["triangles"] = Composition.Geometric,
        ["shapes"] = Composition.Geometric,
        ["abstract"] = Composition.Geometric,
        ["bauhaus"] = Composition.Geometric,
        ["cubist"] = Composition.Geometric,
        ["ocean"] = Composition.Waves,
        ["sea"] = Composition.Waves,
        ["waves"] = Composition.Waves,
        ["water"] = Composition.Waves,
        ["lake"] = Composition.Waves,
        ["synthwave"] = Composition.NeonGrid,
        ["retro"] = Composition.NeonGrid,
        ["grid"] = Composition.NeonGrid,
        ["neon"] = Composition.NeonGrid,
        ["cyberpunk"] = Composition.NeonGrid,
        ["vaporwave"] = Composition.NeonGrid,
    };

    public static readonly IReadOnlyDictionary<string, Finish> Finishes = new Dictionary<string, Finish>(StringComparer.Ordinal)
    {
        ["pixel art"] = Finish.PixelArt,
        ["pixel"] = Finish.PixelArt,
        ["pixelated"] = Finish.PixelArt,
        ["8-bit"] = Finish.PixelArt,
        ["16-bit"] = Finish.PixelArt,
        ["8bit"] = Finish.PixelArt,
        ["watercolor"] = Finish.Watercolor,
        ["watercolour"] = Finish.Watercolor,
        ["aquarelle"] = Finish.Watercolor,
        ["painting"] = Finish.Watercolor,
        ["painted"] = Finish.Watercolor,
    };

    /// <summary>The compositions a prompt without a style word draws from (by seed).</summary>
    public static readonly Composition[] Defaults =
        [Composition.Landscape, Composition.Clouds, Composition.Mosaic, Composition.Circles, Composition.Geometric, Composition.Waves];

    public static string Name(Composition composition) => composition switch
    {
        Composition.NeonGrid => "neon-grid",
        _ => composition.ToString().ToLowerInvariant(),
    };

    public static string Name(Finish finish) => finish switch
    {
        Finish.PixelArt => "pixel-art",
        Finish.Watercolor => "watercolor",
        _ => "none",
    };
}
