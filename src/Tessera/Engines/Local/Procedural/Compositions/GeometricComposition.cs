namespace Tessera.Engines.Local.Procedural.Compositions;

/// <summary>
/// A grid of tiles, each split in two flat palette stops by a diagonal, an anti-diagonal, a quarter circle or a
/// horizontal line (chosen per tile by a hash), in the manner of Truchet tiles and Bauhaus posters.
/// </summary>
internal static class GeometricComposition
{
    public static void Render(in RenderContext c)
    {
        var random = new SeededRandom(c.Seed);
        var tiles = random.Range(3f, 8f);
        var stops = c.Stops;
        for (var y = 0; y < c.Height; y++)
        {
            var row = c.Row(y);
            var tv = c.V(y) * tiles;
            var iy = (int)MathF.Floor(tv);
            var fy = tv - iy;
            var lastIx = int.MinValue;
            uint hash = 0, first = 0, second = 0;
            for (var x = 0; x < row.Length; x++)
            {
                var tu = c.U(x) * tiles;
                var ix = (int)MathF.Floor(tu);
                var fx = tu - ix;
                if (ix != lastIx)
                {
                    lastIx = ix;
                    hash = ValueNoise.Hash(ix, iy, c.Seed);
                    var a = (int)((hash >> 4) % (uint)stops.Length);
                    first = stops[a];
                    second = stops[(a + 1 + (int)((hash >> 8) % (uint)(stops.Length - 1))) % stops.Length];
                }

                var inFirst = (hash & 3) switch
                {
                    0 => fx > fy,
                    1 => fx + fy > 1,
                    2 => (((hash & 4) == 0 ? fx : 1 - fx) * ((hash & 4) == 0 ? fx : 1 - fx)) + (fy * fy) < 1,
                    _ => fy > 0.5f,
                };
                row[x] = inFirst ? first : second;
            }
        }
    }
}
