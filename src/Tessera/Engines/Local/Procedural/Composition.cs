namespace Tessera.Engines.Local.Procedural;

/// <summary>How a procedural picture is laid out; chosen from the prompt's style words (<see cref="StyleWords"/>).</summary>
internal enum Composition
{
    /// <summary>A soft two-way gradient and one disc: "minimal", "simple", "gradient".</summary>
    Minimal,

    /// <summary>Gradient sky, a sun, layered value-noise hills: "landscape", "sunset", "mountains".</summary>
    Landscape,

    /// <summary>Fractal value noise: "clouds", "fog", "smoke", "noise", "nebula".</summary>
    Clouds,

    /// <summary>Voronoi cells with grout lines: "mosaic", "stained glass", "tiles", "cells".</summary>
    Mosaic,

    /// <summary>Overlapping discs of concentric rings: "circles", "bubbles", "rings", "dots".</summary>
    Circles,

    /// <summary>Tilted bands of flat palette colours: "stripes", "lines", "bands".</summary>
    Stripes,

    /// <summary>Tiles split by diagonals or quarter circles: "geometric", "triangles", "abstract", "bauhaus".</summary>
    Geometric,

    /// <summary>Sky over rolling wave crests: "ocean", "sea", "waves", "water".</summary>
    Waves,

    /// <summary>A striped sun over a perspective grid on the dark: "synthwave", "retro", "grid", "neon".</summary>
    NeonGrid,
}
