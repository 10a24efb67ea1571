namespace Tessera.Engines.Local.Procedural.Compositions;

/// <summary>
/// Parallel bands at an angle drawn from the seed, each a flat palette stop, with a gentle wobble per row. The band
/// coordinate is linear along a row, so each pixel costs one add, one floor and a table look-up.
/// </summary>
internal static class StripesComposition
{
    public static void Render(in RenderContext c)
    {
        var random = new SeededRandom(c.Seed);
        var angle = random.Range(0, MathF.PI);
        var frequency = random.Range(5f, 16f);
        var wobble = random.Range(0f, 0.6f);
        var (sin, cos) = MathF.SinCos(angle);
        Span<uint> bands = stackalloc uint[64];
        for (var i = 0; i < bands.Length; i++)
        {
            bands[i] = c.Stops[random.Next(c.Stops.Length)];
        }

        var step = c.Scale * cos * frequency;
        for (var y = 0; y < c.Height; y++)
        {
            var v = c.V(y);
            var t = (((c.U(0) * cos) + (v * sin)) * frequency) + (wobble * MathF.Sin((v * 7) + (c.Time * 2)));
            var row = c.Row(y);
            for (var x = 0; x < row.Length; x++)
            {
                row[x] = bands[(int)MathF.Floor(t + (x * step)) & 63];
            }
        }
    }
}
