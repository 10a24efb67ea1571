using NetVips;

namespace Tessera.Tests.Imaging;

/// <summary>Procedural test pictures (the same formulas as the python script that made the pHash vectors).</summary>
internal static class TestImages
{
    /// <summary>Red a horizontal ramp, green a parabola of x plus y, blue an x-xor-y weave.</summary>
    public static byte[] PatternRgb(int width, int height)
    {
        var rgb = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var i = ((y * width) + x) * 3;
                rgb[i] = (byte)(x * 255 / Math.Max(1, width - 1));
                rgb[i + 1] = (byte)((((x * x) + (y * 3)) >> 3) & 255);
                rgb[i + 2] = (byte)(((x ^ y) * 5) & 255);
            }
        }

        return rgb;
    }

    /// <summary>A red disc left of centre on a vertical blue-to-violet gradient.</summary>
    public static byte[] BlobsRgb(int width, int height)
    {
        var rgb = new byte[width * height * 3];
        var radius = Math.Min(width, height) / 4;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var i = ((y * width) + x) * 3;
                var dx = x - (width / 3);
                var dy = y - (height / 2);
                var inside = (dx * dx) + (dy * dy) < radius * radius;
                (rgb[i], rgb[i + 1], rgb[i + 2]) = inside ? ((byte)230, (byte)40, (byte)30) : ((byte)(y * 200 / height), (byte)90, (byte)160);
            }
        }

        return rgb;
    }

    public static Image FromRgb(byte[] rgb, int width, int height, int bands = 3)
    {
        using var raw = Image.NewFromMemory(rgb, width, height, bands, Enums.BandFormat.Uchar);
        return raw.Copy(interpretation: bands >= 3 ? Enums.Interpretation.Srgb : Enums.Interpretation.Bw);
    }

    public static byte[] Encode(byte[] rgb, int width, int height, string suffix, int bands = 3)
    {
        using var image = FromRgb(rgb, width, height, bands);
        return image.WriteToBuffer(suffix);
    }

    /// <summary>A photo-like picture (smooth noise in three octaves, a few discs), <paramref name="seed"/> decides it.</summary>
    public static Image Photo(int width, int height, int seed)
    {
        var random = new Random(seed);
        var rgb = new byte[width * height * 3];
        var phases = Enumerable.Range(0, 9).Select(_ => random.NextDouble() * Math.PI * 2).ToArray();
        var frequencies = Enumerable.Range(0, 9).Select(k => (0.5 + random.NextDouble()) * (1 + (k / 3)) * 2 * Math.PI / width).ToArray();
        var discs = Enumerable.Range(0, 6).Select(_ => (X: random.Next(width), Y: random.Next(height), R: random.Next(width / 20, width / 6), C: (byte)random.Next(256))).ToArray();
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var i = ((y * width) + x) * 3;
                for (var band = 0; band < 3; band++)
                {
                    var v = 128.0;
                    for (var octave = 0; octave < 3; octave++)
                    {
                        var k = (band * 3) + octave;
                        v += 60.0 / (octave + 1) * Math.Sin((x * frequencies[k]) + (y * frequencies[(k + 4) % 9]) + phases[k]);
                    }

                    rgb[i + band] = (byte)Math.Clamp(v + random.Next(-6, 7), 0, 255);
                }

                foreach (var disc in discs)
                {
                    if (((x - disc.X) * (x - disc.X)) + ((y - disc.Y) * (y - disc.Y)) < disc.R * disc.R)
                    {
                        rgb[i] = disc.C;
                        rgb[i + 1] = (byte)(255 - disc.C);
                    }
                }
            }
        }

        return FromRgb(rgb, width, height);
    }
}
