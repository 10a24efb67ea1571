namespace Tessera.Engines.Local.Procedural;

/// <summary>A pass over a rendered composition, named by the prompt's style words.</summary>
internal enum Finish
{
    None,

    /// <summary>Blocks of 1/64 of the long side, each one palette colour: "pixel art", "8-bit", "16-bit".</summary>
    PixelArt,

    /// <summary>Colours washed towards paper white by low-frequency noise, with grain: "watercolor", "painting".</summary>
    Watercolor,
}
