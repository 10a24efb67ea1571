namespace Tessera.Engines.Local.Procedural.Compositions;

/// <summary>
/// A gradient sky with a glowing sun over four ridges of value-noise hills, each nearer ridge lower and darker.
/// The ridge heights are one noise row per layer (4 × width samples), so the per-pixel cost is four comparisons.
/// </summary>
internal static class LandscapeComposition
{
    private const int Layers = 4;

    public static void Render(in RenderContext c)
    {
        var random = new SeededRandom(c.Seed);
        var sunU = random.Range(0.2f, 0.8f) * c.WorldWidth;
        var sunV = random.Range(0.12f, 0.32f);
        var sunRadius = random.Range(0.05f, 0.1f);
        var glowRadius = sunRadius * 2.5f;
        var width = c.Width;
        var ridges = c.Scratch[..(Layers * width)];
        for (var layer = 0; layer < Layers; layer++)
        {
            var frequency = 2.2f + (layer * 1.6f);
            var ridge = ridges.Slice(layer * width, width);
            ValueNoise.Fractal(ridge, c.U(0) * frequency, c.Scale * frequency, layer * 7.31f, 4, c.Seed + (uint)layer);
            var horizon = 0.5f + (layer * 0.11f);
            var height = 0.3f - (layer * 0.05f);
            for (var x = 0; x < width; x++)
            {
                ridge[x] = horizon - (height * ridge[x]);
            }
        }

        for (var y = 0; y < c.Height; y++)
        {
            var row = c.Row(y);
            var v = c.V(y);
            var sky = (int)(150 + (105 * Math.Clamp(v / 0.65f, 0, 1)));
            var dv2 = (v - sunV) * (v - sunV);
            for (var x = 0; x < row.Length; x++)
            {
                var layer = Layers - 1;
                while (layer >= 0 && v < ridges[(layer * width) + x])
                {
                    layer--;
                }

                if (layer >= 0)
                {
                    // Nearer layers darker; each darkens further below its ridge line.
                    row[x] = c.Shade(170 - (layer * 42) - (int)((v - ridges[(layer * width) + x]) * 90));
                    continue;
                }

                var du = c.U(x) - sunU;
                var d2 = (du * du) + dv2;
                row[x] = d2 >= glowRadius * glowRadius ? c.Shade(sky)
                    : d2 < sunRadius * sunRadius ? c.Gradient[255]
                    : c.Shade(sky + (int)(60 * (1 - (MathF.Sqrt(d2) / glowRadius))));
            }
        }
    }
}
