namespace Tessera.Engines.Local.Procedural.Compositions;

/// <summary>A soft diagonal gradient through the palette and one flat disc placed by the seed.</summary>
internal static class MinimalComposition
{
    public static void Render(in RenderContext c)
    {
        var random = new SeededRandom(c.Seed);
        var discU = random.Range(0.25f, 0.75f) * c.WorldWidth;
        var discV = random.Range(0.3f, 0.6f);
        var radius = random.Range(0.12f, 0.22f);
        var radius2 = radius * radius;
        var disc = c.Stops[1];
        var inverseWidth = 0.3f / c.WorldWidth;
        for (var y = 0; y < c.Height; y++)
        {
            var row = c.Row(y);
            var v = c.V(y);
            var dv2 = (v - discV) * (v - discV);
            var baseT = 0.3f + (0.55f * v);
            for (var x = 0; x < row.Length; x++)
            {
                var u = c.U(x);
                var du = u - discU;
                row[x] = (du * du) + dv2 < radius2 ? disc : c.Shade(baseT + (u * inverseWidth));
            }
        }
    }
}
