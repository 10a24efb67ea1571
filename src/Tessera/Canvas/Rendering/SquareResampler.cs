using System.Buffers;

namespace Tessera.Canvas.Rendering;

/// <summary>
/// Area-weighted resampling of a placement's image onto a coarser or finer grid, the one drawing step of the composite,
/// the tiles and the previews. The image (side × side, straight RGBA) covers the canvas square [x, x+size)²; the target
/// is an accumulator of premultiplied RGB and coverage (4 floats a pixel) whose pixel (i, j) covers the canvas square
/// [originX + i·scale, +scale) × [originY + j·scale, +scale). Each image pixel adds its colour times the share of each
/// target pixel it covers, so a 10-pixel square in one 50-pixel composite pixel adds 4% of its colour, and edges fall
/// where they fall, not on whole pixels. Placements never overlap, so coverages add up to at most 1. Separable: the
/// weights of each axis are computed once ((side + span) entries), then multiplied.
/// </summary>
internal static class SquareResampler
{
    private const int StackWeights = 64;

    public static void Add(
        ReadOnlySpan<byte> image, int side, int x, int y, int size,
        double originX, double originY, double scale,
        float[] accumulator, int width, int clipX0, int clipY0, int clipX1, int clipY1)
    {
        var cell = (double)size / side;
        var capacity = side + (int)(size / scale) + 8;

        // Most calls (a composite draws one per placement) need a few dozen weights: those live on the stack, so the
        // 100,000 calls of a full composite touch no pool (renting two arrays of one size per call went to the
        // pool's locked partitions).
        Weight[]? rented = null;
        var buffer = capacity * 2 <= StackWeights
            ? stackalloc Weight[StackWeights]
            : (rented = ArrayPool<Weight>.Shared.Rent(capacity * 2));
        try
        {
            var xs = buffer[..capacity];
            var ys = buffer.Slice(capacity, capacity);
            var xCount = Weights(xs, side, (x - originX) / scale, cell / scale, clipX0, clipX1);
            var yCount = Weights(ys, side, (y - originY) / scale, cell / scale, clipY0, clipY1);
            var target = accumulator.AsSpan();
            for (var j = 0; j < yCount; j++)
            {
                var (row, sourceRow, wy) = ys[j];
                var rowOffset = row * width;
                var sourceOffset = sourceRow * side;
                for (var i = 0; i < xCount; i++)
                {
                    var (column, sourceColumn, wx) = xs[i];
                    var s = (sourceOffset + sourceColumn) * 4;
                    var coverage = wx * wy * (image[s + 3] * (1f / 255f));
                    if (coverage <= 0)
                    {
                        continue;
                    }

                    var d = target.Slice((rowOffset + column) * 4, 4);
                    d[0] += image[s] * coverage;
                    d[1] += image[s + 1] * coverage;
                    d[2] += image[s + 2] * coverage;
                    d[3] += coverage;
                }
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<Weight>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// Adds an accumulator grid (<paramref name="sourceWidth"/> × <paramref name="sourceHeight"/> pixels of
    /// premultiplied RGB and coverage, each covering a <paramref name="sourceCell"/>-pixel canvas square from the canvas
    /// origin) onto a coarser target, with the same area weights as <see cref="Add"/>: how the zoomed-out tiles are
    /// drawn from the composite instead of from every placement.
    /// </summary>
    public static void AddGrid(
        ReadOnlySpan<float> source, int sourceWidth, int sourceHeight, double sourceCell,
        double originX, double originY, double scale, Span<float> target, int width, int height)
    {
        var xs = new Weight[sourceWidth + (int)(sourceWidth * sourceCell / scale) + 8];
        var ys = new Weight[sourceHeight + (int)(sourceHeight * sourceCell / scale) + 8];
        var xCount = Weights(xs, sourceWidth, -originX / scale, sourceCell / scale, 0, width);
        var yCount = Weights(ys, sourceHeight, -originY / scale, sourceCell / scale, 0, height);
        for (var j = 0; j < yCount; j++)
        {
            var (row, sourceRow, wy) = ys[j];
            var sourceLine = source.Slice(sourceRow * sourceWidth * 4, sourceWidth * 4);
            var targetLine = target.Slice(row * width * 4, width * 4);
            for (var i = 0; i < xCount; i++)
            {
                var (column, sourceColumn, wx) = xs[i];
                var share = wx * wy;
                var s = sourceLine.Slice(sourceColumn * 4, 4);
                var d = targetLine.Slice(column * 4, 4);
                d[0] += s[0] * share;
                d[1] += s[1] * share;
                d[2] += s[2] * share;
                d[3] += s[3] * share;
            }
        }
    }

    /// <summary>Writes one accumulator pixel as RGB over <paramref name="background"/> (what the coverage leaves uncovered).</summary>
    public static void ToRgb(ReadOnlySpan<float> accumulator, uint background, Span<byte> rgb)
    {
        var uncovered = Math.Max(0f, 1f - accumulator[3]);
        rgb[0] = Channel(accumulator[0] + (byte)(background >> 16) * uncovered);
        rgb[1] = Channel(accumulator[1] + (byte)(background >> 8) * uncovered);
        rgb[2] = Channel(accumulator[2] + (byte)background * uncovered);
    }

    private static byte Channel(float value) => (byte)Math.Clamp((int)(value + 0.5f), 0, 255);

    /// <summary>(target index, source index, overlap in target pixels) for each source pixel's span [start + s·step, +step) within [clip0, clip1).</summary>
    private static int Weights(Span<Weight> weights, int side, double start, double step, int clip0, int clip1)
    {
        var count = 0;
        var first = Math.Max(0, (int)Math.Floor((clip0 - start) / step) - 1);
        var last = Math.Min(side - 1, (int)Math.Ceiling((clip1 - start) / step) + 1);
        for (var s = first; s <= last; s++)
        {
            var a = start + s * step;
            var b = a + step;
            var d0 = Math.Max(clip0, (int)Math.Floor(a));
            var d1 = Math.Min(clip1, (int)Math.Ceiling(b));
            for (var d = d0; d < d1; d++)
            {
                var overlap = (float)(Math.Min(b, d + 1) - Math.Max(a, d));
                if (overlap > 0)
                {
                    if (count == weights.Length)
                    {
                        return count;
                    }

                    weights[count++] = new Weight(d, s, overlap);
                }
            }
        }

        return count;
    }

    private readonly record struct Weight(int Target, int Source, float Share);
}
