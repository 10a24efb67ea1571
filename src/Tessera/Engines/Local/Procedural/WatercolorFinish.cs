namespace Tessera.Engines.Local.Procedural;

/// <summary>
/// Washes a picture towards paper white as watercolour pigment does: by 12–42% following low-frequency noise (uneven
/// pigment), plus a per-pixel grain from an integer hash (paper texture). Integer arithmetic per channel.
/// </summary>
internal static class WatercolorFinish
{
    public static void Apply(in RenderContext c)
    {
        var wash = c.Scratch[..c.Width];
        var seed = c.Seed ^ 0x3C6EF372u;
        var field = new CoarseFractal(c, c.Scratch[c.Width..], 2.5f, 3, seed);
        for (var y = 0; y < c.Height; y++)
        {
            field.Row(y, wash);
            var row = c.Row(y);
            for (var x = 0; x < row.Length; x++)
            {
                // k in 1/256ths: how far towards white this pixel goes.
                var k = 31 + (int)(wash[x] * 77) + (int)(ValueNoise.Hash(x, y, seed) & 15) - 8;
                var pixel = row[x];
                var r = (int)(pixel & 0xFF);
                var g = (int)((pixel >> 8) & 0xFF);
                var b = (int)((pixel >> 16) & 0xFF);
                r += ((255 - r) * k) >> 8;
                g += ((255 - g) * k) >> 8;
                b += ((255 - b) * k) >> 8;
                row[x] = (uint)r | ((uint)g << 8) | ((uint)b << 16) | 0xFF000000u;
            }
        }
    }
}
