using System.Runtime.CompilerServices;

namespace Tessera.Engines.Local.Procedural;

/// <summary>
/// Value noise: random values on an integer lattice (an integer hash of the point and the seed, no tables), smoothly
/// interpolated. It is filled a row at a time because along a row the lattice cell changes only every 1/dx samples:
/// the four corner hashes are computed once per cell, and each sample costs one smoothstep and two lerps (~1 ns).
/// A 1024×1024 picture with 5 octaves is ~5M samples, ~10 ms on one core.
/// </summary>
internal static class ValueNoise
{
    /// <summary>Adds <paramref name="amplitude"/> × noise(x0 + i·dx, y) to <c>row[i]</c>.</summary>
    public static void AddOctave(Span<float> row, float x0, float dx, float y, float amplitude, uint seed)
    {
        var fy = MathF.Floor(y);
        var iy = (int)fy;
        var ty = Smooth(y - fy);
        var lastIx = int.MinValue;
        float left = 0, right = 0;
        for (var i = 0; i < row.Length; i++)
        {
            var x = x0 + (i * dx);
            var fx = MathF.Floor(x);
            var ix = (int)fx;
            if (ix != lastIx)
            {
                left = ix == lastIx + 1 ? right : Column(ix, iy, ty, seed);
                right = Column(ix + 1, iy, ty, seed);
                lastIx = ix;
            }

            row[i] += amplitude * (left + ((right - left) * Smooth(x - fx)));
        }
    }

    /// <summary>
    /// Fills <paramref name="row"/> with fractal noise in [0, 1]: <paramref name="octaves"/> octaves, each twice the
    /// frequency and half the amplitude of the one before. <paramref name="drift"/> slides octave k by drift·(k+1)
    /// along x, so fine detail moves faster than the large shapes (clouds evolving over a video's time).
    /// </summary>
    public static void Fractal(Span<float> row, float x0, float dx, float y, int octaves, uint seed, float drift = 0)
    {
        row.Clear();
        float amplitude = 0.5f, frequency = 1, total = 0;
        for (var octave = 0; octave < octaves; octave++)
        {
            AddOctave(row, (x0 + (drift * (octave + 1))) * frequency, dx * frequency, y * frequency, amplitude, seed + (uint)(octave * 0x632BE5AB));
            total += amplitude;
            amplitude *= 0.5f;
            frequency *= 2;
        }

        var normalise = 1 / total;
        for (var i = 0; i < row.Length; i++)
        {
            row[i] *= normalise;
        }
    }

    /// <summary>A well-mixed 32-bit hash of a lattice point and a seed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Hash(int x, int y, uint seed)
    {
        var h = ((uint)x * 0x8DA6B343u) ^ ((uint)y * 0xD8163841u) ^ (seed * 0xCB1AB31Fu);
        h ^= h >> 15;
        h *= 0x2C1B3C6Du;
        h ^= h >> 12;
        h *= 0x297A2D39u;
        return h ^ (h >> 15);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Lattice(int x, int y, uint seed) => (Hash(x, y, seed) >> 8) * (1f / (1 << 24));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Column(int ix, int iy, float ty, uint seed)
    {
        var top = Lattice(ix, iy, seed);
        return top + ((Lattice(ix, iy + 1, seed) - top) * ty);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Smooth(float t) => t * t * (3 - (2 * t));
}
