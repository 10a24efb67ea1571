namespace Tessera.Benchmarks.Http;

/// <summary>
/// Canvases painted the way agents paint One Million Pixels: rectangles they own, mostly flat colour, some with a
/// stepped gradient or a coarse pattern (pixel art), on the white background. <see cref="Realistic"/> encodes to 39 KB,
/// the size of issue #12's measurement (the white canvas alone is 30.7 KB: the encoder's fastest deflate emits a match
/// per 258 bytes, so each further block adds only ~0.3 KB); <see cref="Dense"/> is the first hot-read runs' 121 KB
/// canvas. Deterministic (fixed seeds), so every run serves the same bytes; <c>hot-read sizes</c> prints the sizes.
/// </summary>
public static class CanvasScene
{
    public static List<(int X, int Y, uint Colour)> Realistic(int blocks = 26)
    {
        var random = new Random(7);
        var pixels = new List<(int X, int Y, uint Colour)>();
        for (var block = 0; block < blocks; block++)
        {
            var (width, height) = (random.Next(20, 100), random.Next(20, 100));
            var (left, top) = (random.Next(0, 1000 - width), random.Next(0, 1000 - height));
            var flat = (uint)random.Next(0x1000000);
            var second = (uint)random.Next(0x1000000);
            var style = block % 10; // 0: stepped gradient, 1: 4-pixel pattern, else flat
            for (var y = top; y < top + height; y++)
            {
                for (var x = left; x < left + width; x++)
                {
                    var colour = style switch
                    {
                        0 => (uint)((((x - left) / 8 * 16) & 0xFF) << 16 | (((y - top) / 8 * 16) & 0xFF) << 8 | 0x80),
                        1 => ((x - left) / 4 + (y - top) / 4) % 2 == 0 ? flat : second,
                        _ => flat,
                    };
                    pixels.Add((x, y, colour));
                }
            }
        }

        return pixels;
    }

    /// <summary>40 blocks of 60×60, every fourth a per-pixel gradient (the first hot-read runs' 121 KB canvas).</summary>
    public static List<(int X, int Y, uint Colour)> Dense()
    {
        var random = new Random(7);
        var pixels = new List<(int X, int Y, uint Colour)>();
        for (var block = 0; block < 40; block++)
        {
            var (left, top) = (random.Next(0, 940), random.Next(0, 940));
            var flat = (uint)random.Next(0x1000000);
            var gradient = block % 4 == 0;
            for (var y = top; y < top + 60; y++)
            {
                for (var x = left; x < left + 60; x++)
                {
                    pixels.Add((x, y, gradient ? (uint)(((x - left) * 4) << 16 | ((y - top) * 4) << 8 | 0x80) : flat));
                }
            }
        }

        return pixels;
    }
}
