namespace Tessera.Engines.Local.Procedural.Compositions;

/// <summary>
/// A sky over water whose wave crests crowd together towards the horizon (band phase ∝ 1/depth) and sway along x.
/// The sway is sin(k·u + row phase), expanded as sin·cos + cos·sin with both column factors computed once per frame,
/// so no pixel calls a trigonometric function.
/// </summary>
internal static class WavesComposition
{
    private const float Horizon = 0.38f;

    public static void Render(in RenderContext c)
    {
        var random = new SeededRandom(c.Seed);
        var swayFrequency = random.Range(6f, 14f);
        var crest = random.Range(0.08f, 0.2f);
        var sinU = c.Scratch[..c.Width];
        var cosU = c.Scratch.Slice(c.Width, c.Width);
        for (var x = 0; x < c.Width; x++)
        {
            (sinU[x], cosU[x]) = MathF.SinCos(c.U(x) * swayFrequency);
        }

        var foam = c.Gradient[250];
        for (var y = 0; y < c.Height; y++)
        {
            var row = c.Row(y);
            var v = c.V(y);
            if (v < Horizon)
            {
                row.Fill(c.Shade(150 + (int)(100 * Math.Max(v, 0) / Horizon)));
                continue;
            }

            var depth = (v - Horizon) / (1 - Horizon);
            var phase = (1.1f / (depth + 0.06f)) - (c.Time * 1.5f);
            var (sinRow, cosRow) = MathF.SinCos(v * 23);
            var sway = 0.35f * (1 - (0.5f * depth));
            var water = 150 - (int)(depth * 120);
            for (var x = 0; x < row.Length; x++)
            {
                var t = phase + (sway * ((sinU[x] * cosRow) + (cosU[x] * sinRow)));
                var band = t - MathF.Floor(t);
                row[x] = band < crest ? foam : c.Shade(water + (int)(band * 35));
            }
        }
    }
}
