using Tessera.Engines.Local.Procedural;

namespace Tessera.Engines.Local.Conditioning;

/// <summary>
/// The main colours of a picture by k-means over a sample of its pixels. Deterministic: the centres start at the
/// brightness quantiles (darkest sixth, next sixth ...), so the same image always gives the same palette, and the
/// result is ordered dark to light as <see cref="Procedural.Palette"/> expects.
/// </summary>
internal static class DominantColours
{
    /// <summary>At most this many pixels are clustered (every n-th): 4096 × 6 centres × 8 rounds is ~200K distance
    /// computations, well under a millisecond.</summary>
    private const int MaxSamples = 4096;

    private const int Rounds = 8;

    public static Palette Palette(ReadOnlySpan<uint> pixels, int count)
    {
        var step = Math.Max(1, pixels.Length / MaxSamples);
        var samples = new List<uint>(Math.Min(pixels.Length, MaxSamples + 1));
        for (var i = 0; i < pixels.Length; i += step)
        {
            samples.Add(pixels[i]);
        }

        samples.Sort((a, b) => Luma(a).CompareTo(Luma(b)));
        var centres = new float[count, 3];
        for (var k = 0; k < count; k++)
        {
            var seed = samples[Math.Min(samples.Count - 1, ((2 * k) + 1) * samples.Count / (2 * count))];
            (centres[k, 0], centres[k, 1], centres[k, 2]) = (seed & 0xFF, (seed >> 8) & 0xFF, (seed >> 16) & 0xFF);
        }

        var sums = new double[count, 4];
        for (var round = 0; round < Rounds; round++)
        {
            Array.Clear(sums);
            foreach (var sample in samples)
            {
                var (r, g, b) = (sample & 0xFF, (sample >> 8) & 0xFF, (sample >> 16) & 0xFF);
                var best = 0;
                var bestDistance = float.MaxValue;
                for (var k = 0; k < count; k++)
                {
                    var dr = r - centres[k, 0];
                    var dg = g - centres[k, 1];
                    var db = b - centres[k, 2];
                    var distance = (dr * dr) + (dg * dg) + (db * db);
                    if (distance < bestDistance)
                    {
                        (best, bestDistance) = (k, distance);
                    }
                }

                sums[best, 0] += r;
                sums[best, 1] += g;
                sums[best, 2] += b;
                sums[best, 3]++;
            }

            for (var k = 0; k < count; k++)
            {
                if (sums[k, 3] > 0)
                {
                    (centres[k, 0], centres[k, 1], centres[k, 2]) = ((float)(sums[k, 0] / sums[k, 3]), (float)(sums[k, 1] / sums[k, 3]), (float)(sums[k, 2] / sums[k, 3]));
                }
            }
        }

        var stops = new List<Rgb>(count);
        for (var k = 0; k < count; k++)
        {
            stops.Add(new Rgb((byte)MathF.Round(centres[k, 0]), (byte)MathF.Round(centres[k, 1]), (byte)MathF.Round(centres[k, 2])));
        }

        return new Palette([.. stops.OrderBy(stop => stop.Luma)]);
    }

    private static int Luma(uint pixel) => ((int)(pixel & 0xFF) * 299) + ((int)((pixel >> 8) & 0xFF) * 587) + ((int)((pixel >> 16) & 0xFF) * 114);
}
