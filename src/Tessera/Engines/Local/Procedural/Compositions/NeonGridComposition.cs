namespace Tessera.Engines.Local.Procedural.Compositions;

/// <summary>
/// The synthwave picture: a dark sky, a striped sun sinking into the horizon, and a glowing grid on a floor seen in
/// perspective (floor depth z = k / (v − horizon), so the lines converge at the horizon and scroll with time).
/// </summary>
internal static class NeonGridComposition
{
    private const float Horizon = 0.6f;

    public static void Render(in RenderContext c)
    {
        var random = new SeededRandom(c.Seed);
        var sunU = c.WorldWidth * random.Range(0.35f, 0.65f);
        var sunV = Horizon - random.Range(0.12f, 0.22f);
        var sunRadius = random.Range(0.16f, 0.26f);
        var gridSpacing = random.Range(0.3f, 0.6f);
        var line = c.Gradient[235];
        for (var y = 0; y < c.Height; y++)
        {
            var row = c.Row(y);
            var v = c.V(y);
            if (v < Horizon)
            {
                var sky = c.Shade((int)(70 * Math.Max(v, 0) / Horizon));
                var dv = v - sunV;
                var half = dv * dv < sunRadius * sunRadius ? MathF.Sqrt((sunRadius * sunRadius) - (dv * dv)) : -1;

                // The sun's lower half is cut by bands that widen towards the horizon.
                var cut = dv > 0 && ((dv * 30) - MathF.Floor(dv * 30)) < dv / sunRadius * 0.6f;
                var sun = c.Shade(255 - (int)(80 * (dv + sunRadius) / (2 * sunRadius)));
                var x0 = half < 0 || cut ? c.Width : c.ColumnAt(sunU - half);
                var x1 = half < 0 || cut ? c.Width : Math.Min(c.ColumnAt(sunU + half) + 1, c.Width);
                row[..x0].Fill(sky);
                row[x0..x1].Fill(sun);
                row[x1..].Fill(sky);
                continue;
            }

            var z = 0.35f / (v - Horizon + 0.002f);
            var rowIsLine = (z + (c.Time * 2)) - MathF.Floor(z + (c.Time * 2)) < 0.02f * z;
            var floor = c.Shade((int)(50 * Math.Max(0, 0.15f - (v - Horizon)) / 0.15f));
            var lineWidth = 0.006f * z / gridSpacing; // ~6 px wide at 1024 px high, at every depth
            for (var x = 0; x < row.Length; x++)
            {
                var gx = (c.U(x) - sunU) * z / gridSpacing;
                row[x] = rowIsLine || gx - MathF.Floor(gx) < lineWidth ? line : floor;
            }
        }
    }
}
