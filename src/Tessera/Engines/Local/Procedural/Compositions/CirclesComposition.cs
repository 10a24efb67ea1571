namespace Tessera.Engines.Local.Procedural.Compositions;

/// <summary>
/// A vertical gradient under 10–24 discs of concentric rings, largest first. Each disc only visits the pixels of its
/// bounding box, so the cost is the discs' total area (about twice the frame) rather than frame × discs.
/// </summary>
internal static class CirclesComposition
{
    public static void Render(in RenderContext c)
    {
        for (var y = 0; y < c.Height; y++)
        {
            c.Row(y).Fill(c.Shade(0.15f + (0.35f * c.V(y))));
        }

        var random = new SeededRandom(c.Seed);
        var count = 10 + random.Next(15);
        var discs = new (float U, float V, float Radius, int Shade, int Rings)[count];
        for (var i = 0; i < count; i++)
        {
            discs[i] = (random.Range(-0.1f, c.WorldWidth + 0.1f), random.Range(-0.1f, 1.1f), random.Range(0.04f, 0.3f), random.Next(256), 1 + random.Next(6));
        }

        Array.Sort(discs, (a, b) => b.Radius.CompareTo(a.Radius));
        foreach (var (cu, cv, radius, shade, rings) in discs)
        {
            var step = 200 / rings;
            var radius2 = radius * radius;
            var x0 = c.ColumnAt(cu - radius);
            var x1 = Math.Min(c.ColumnAt(cu + radius) + 1, c.Width);
            var y1 = Math.Min(c.RowAt(cv + radius) + 1, c.Height);
            for (var y = c.RowAt(cv - radius); y < y1; y++)
            {
                var row = c.Row(y);
                var dv = c.V(y) - cv;
                var dv2 = dv * dv;
                for (var x = x0; x < x1; x++)
                {
                    var du = c.U(x) - cu;
                    var d2 = (du * du) + dv2;
                    if (d2 < radius2)
                    {
                        var ring = (int)(MathF.Sqrt(d2 / radius2) * rings);
                        row[x] = c.Gradient[(shade + (ring * step)) & 255];
                    }
                }
            }
        }
    }
}
