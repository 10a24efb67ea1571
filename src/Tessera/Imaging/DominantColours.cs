using NetVips;

namespace Tessera.Imaging;

/// <summary>One of an image's dominant colours: <c>#rrggbb</c>, its nearest <see cref="ColourNames"/> name, the share of the picture it covers (0–1) and its Lab.</summary>
public sealed record DominantColour(string Hex, string Name, double Share, Lab Lab);

/// <summary>
/// An image's dominant colours: k-means in CIELAB over a thumbnail of at most <see cref="ThumbnailSide"/> pixels a
/// side (4,096 pixels: the colours of a picture survive the shrink, and the clustering costs well under a millisecond),
/// seeded by k-means++ with a fixed seed so the same image always gives the same colours. Pixels less than half opaque
/// are left out. Largest share first; fewer than asked when the picture has fewer distinct colours.
/// </summary>
public static class DominantColours
{
    public const int ThumbnailSide = 64;
    public const int MaxCount = 16;

    private const int Iterations = 20;
    private const int Seed = 20_261_205;
    private const double MinSeparation = 2.0;

    public static IReadOnlyList<DominantColour> Extract(Image image, int count = 5)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaxCount);

        var (pixels, rgb) = Pixels(image);
        if (pixels.Length == 0)
        {
            return [];
        }

        var centres = Seeds(pixels, count);
        var assignment = new int[pixels.Length];
        for (var iteration = 0; iteration < Iterations; iteration++)
        {
            var changed = Assign(pixels, centres, assignment);
            centres = Update(pixels, centres, assignment);
            if (!changed && iteration > 0)
            {
                break;
            }
        }

        // Each cluster's colour is the mean of its pixels in sRGB (what the eye averages on screen), named by its Lab.
        var sums = new long[centres.Length, 4];
        for (var i = 0; i < pixels.Length; i++)
        {
            var cluster = assignment[i];
            sums[cluster, 0] += rgb[i * 3];
            sums[cluster, 1] += rgb[(i * 3) + 1];
            sums[cluster, 2] += rgb[(i * 3) + 2];
            sums[cluster, 3]++;
        }

        var result = new List<DominantColour>(centres.Length);
        for (var cluster = 0; cluster < centres.Length; cluster++)
        {
            var members = sums[cluster, 3];
            if (members == 0)
            {
                continue;
            }

            var (r, g, b) = ((byte)Math.Round(sums[cluster, 0] / (double)members), (byte)Math.Round(sums[cluster, 1] / (double)members), (byte)Math.Round(sums[cluster, 2] / (double)members));
            var lab = ColourScience.FromRgb(r, g, b);
            result.Add(new DominantColour(ColourScience.ToHex(r, g, b), ColourNames.Nearest(lab), members / (double)pixels.Length, lab));
        }

        return result.OrderByDescending(colour => colour.Share).ThenBy(colour => colour.Hex, StringComparer.Ordinal).ToList();
    }

    /// <summary>The thumbnail's opaque-enough pixels, as Lab and as their sRGB bytes.</summary>
    private static (Lab[] Lab, byte[] Rgb) Pixels(Image image)
    {
        using var small = image.ThumbnailImage(ThumbnailSide, height: ThumbnailSide);
        using var srgb = small.Interpretation == Enums.Interpretation.Srgb ? small.Copy() : small.Colourspace(Enums.Interpretation.Srgb);
        using var withAlpha = srgb.HasAlpha() ? srgb.Copy() : srgb.Bandjoin(255);
        using var bytes = withAlpha.Format == Enums.BandFormat.Uchar ? withAlpha.Copy() : withAlpha.Cast(Enums.BandFormat.Uchar);
        var data = bytes.WriteToMemory<byte>();
        var labs = new List<Lab>(data.Length / 4);
        var rgb = new List<byte>(data.Length / 4 * 3);
        for (var i = 0; i + 3 < data.Length; i += 4)
        {
            if (data[i + 3] < 128)
            {
                continue;
            }

            labs.Add(ColourScience.FromRgb(data[i], data[i + 1], data[i + 2]));
            rgb.Add(data[i]);
            rgb.Add(data[i + 1]);
            rgb.Add(data[i + 2]);
        }

        return (labs.ToArray(), rgb.ToArray());
    }

    /// <summary>k-means++: the first centre at random (seeded), each next one drawn in proportion to its squared distance.</summary>
    private static Lab[] Seeds(Lab[] pixels, int count)
    {
        var random = new Random(Seed);
        var centres = new List<Lab> { pixels[random.Next(pixels.Length)] };
        var nearest = new double[pixels.Length];
        while (centres.Count < count)
        {
            var total = 0.0;
            for (var i = 0; i < pixels.Length; i++)
            {
                nearest[i] = centres.Min(centre => Squared(pixels[i], centre));
                total += nearest[i];
            }

            // Every pixel already within ΔE76 2 of a centre (about what an eye tells apart): the picture has no more colours.
            if (total == 0 || nearest.Max() < MinSeparation * MinSeparation)
            {
                break;
            }

            var target = random.NextDouble() * total;
            var chosen = pixels.Length - 1;
            for (var i = 0; i < pixels.Length; i++)
            {
                target -= nearest[i];
                if (target <= 0)
                {
                    chosen = i;
                    break;
                }
            }

            centres.Add(pixels[chosen]);
        }

        return centres.ToArray();
    }

    private static bool Assign(Lab[] pixels, Lab[] centres, int[] assignment)
    {
        var changed = false;
        for (var i = 0; i < pixels.Length; i++)
        {
            var best = 0;
            var bestDistance = double.MaxValue;
            for (var c = 0; c < centres.Length; c++)
            {
                var distance = Squared(pixels[i], centres[c]);
                if (distance < bestDistance)
                {
                    (best, bestDistance) = (c, distance);
                }
            }

            changed |= assignment[i] != best;
            assignment[i] = best;
        }

        return changed;
    }

    private static Lab[] Update(Lab[] pixels, Lab[] centres, int[] assignment)
    {
        var sums = new double[centres.Length, 4];
        for (var i = 0; i < pixels.Length; i++)
        {
            var c = assignment[i];
            sums[c, 0] += pixels[i].L;
            sums[c, 1] += pixels[i].A;
            sums[c, 2] += pixels[i].B;
            sums[c, 3]++;
        }

        var updated = new Lab[centres.Length];
        for (var c = 0; c < centres.Length; c++)
        {
            var n = sums[c, 3];
            updated[c] = n == 0 ? centres[c] : new Lab(sums[c, 0] / n, sums[c, 1] / n, sums[c, 2] / n);
        }

        return updated;
    }

    /// <summary>Euclidean ΔE76 squared: k-means needs a distance whose mean minimises it; CIEDE2000 has no such mean.</summary>
    private static double Squared(Lab a, Lab b) => ((a.L - b.L) * (a.L - b.L)) + ((a.A - b.A) * (a.A - b.A)) + ((a.B - b.B) * (a.B - b.B));
}
