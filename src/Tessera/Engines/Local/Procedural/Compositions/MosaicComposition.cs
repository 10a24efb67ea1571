namespace Tessera.Engines.Local.Procedural.Compositions;

/// <summary>
/// Voronoi tiles (Worley's jittered grid: one feature point per grid cell, so a pixel checks 9 points, not all of them)
/// in palette colours, shaded towards their edges, with dark grout where the two nearest points are almost equally near.
/// </summary>
internal static class MosaicComposition
{
    private const float Grout = 0.07f;

    public static void Render(in RenderContext c)
    {
        var random = new SeededRandom(c.Seed);
        var cells = random.Range(6f, 12f);

        // The feature points of every grid cell the frame can see, plus a ring of neighbours.
        var gx0 = (int)MathF.Floor(c.U(0) * cells) - 1;
        var gy0 = (int)MathF.Floor(c.V(0) * cells) - 1;
        var columns = (int)MathF.Floor(c.U(c.Width - 1) * cells) - gx0 + 2;
        var rows = (int)MathF.Floor(c.V(c.Height - 1) * cells) - gy0 + 2;
        var pointX = new float[columns * rows];
        var pointY = new float[columns * rows];
        var shade = new int[columns * rows];
        for (var gy = 0; gy < rows; gy++)
        {
            for (var gx = 0; gx < columns; gx++)
            {
                var hash = ValueNoise.Hash(gx + gx0, gy + gy0, c.Seed);
                var i = (gy * columns) + gx;
                pointX[i] = gx + gx0 + 0.1f + (0.8f * (hash & 0xFFFF) / 65536f);
                pointY[i] = gy + gy0 + 0.1f + (0.8f * (hash >> 16) / 65536f);
                shade[i] = 60 + (int)(ValueNoise.Hash(gx + gx0, gy + gy0, c.Seed ^ 0xA5A5u) % 196);
            }
        }

        var grout = c.Stops[0];
        for (var y = 0; y < c.Height; y++)
        {
            var row = c.Row(y);
            var cy = c.V(y) * cells;
            var iy = Math.Clamp((int)MathF.Floor(cy) - gy0, 1, rows - 2);
            for (var x = 0; x < row.Length; x++)
            {
                var cx = c.U(x) * cells;
                var ix = Math.Clamp((int)MathF.Floor(cx) - gx0, 1, columns - 2);
                float nearest = float.MaxValue, second = float.MaxValue;
                var owner = 0;
                for (var j = iy - 1; j <= iy + 1; j++)
                {
                    for (var i = (j * columns) + ix - 1; i <= (j * columns) + ix + 1; i++)
                    {
                        var dx = pointX[i] - cx;
                        var dy = pointY[i] - cy;
                        var d2 = (dx * dx) + (dy * dy);
                        if (d2 < nearest)
                        {
                            second = nearest;
                            nearest = d2;
                            owner = i;
                        }
                        else if (d2 < second)
                        {
                            second = d2;
                        }
                    }
                }

                var near = MathF.Sqrt(nearest);
                row[x] = MathF.Sqrt(second) - near < Grout ? grout : c.Shade(shade[owner] - (int)(near * 40));
            }
        }
    }
}
