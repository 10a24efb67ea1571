namespace Tessera.Engines.Local.Procedural;

/// <summary>A change applied to every colour of a palette, named by a prompt word.</summary>
internal enum ColourModifier
{
    None,

    /// <summary>Blended 55% towards white.</summary>
    Pastel,

    /// <summary>Half the brightness.</summary>
    Dark,

    /// <summary>Fully saturated colours over a near-black stop.</summary>
    Neon,

    /// <summary>Saturation × 1.4.</summary>
    Vivid,

    /// <summary>Saturation × 0.5, towards a warm grey.</summary>
    Muted,
}
