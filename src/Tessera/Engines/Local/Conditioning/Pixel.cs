using System.Runtime.CompilerServices;

namespace Tessera.Engines.Local.Conditioning;

/// <summary>Arithmetic on packed opaque RGBA pixels (R in the low byte, as the procedural renderer packs them).</summary>
internal static class Pixel
{
    /// <summary><paramref name="a"/> at t = 0, <paramref name="b"/> at t = 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Mix(uint a, uint b, float t)
    {
        var r = Lerp(a & 0xFF, b & 0xFF, t);
        var g = Lerp((a >> 8) & 0xFF, (b >> 8) & 0xFF, t);
        var bl = Lerp((a >> 16) & 0xFF, (b >> 16) & 0xFF, t);
        return 0xFF000000u | r | (g << 8) | (bl << 16);
    }

    /// <summary>Squared RGB distance.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Distance(uint a, uint b)
    {
        var dr = (int)(a & 0xFF) - (int)(b & 0xFF);
        var dg = (int)((a >> 8) & 0xFF) - (int)((b >> 8) & 0xFF);
        var db = (int)((a >> 16) & 0xFF) - (int)((b >> 16) & 0xFF);
        return (dr * dr) + (dg * dg) + (db * db);
    }

    /// <summary>The entry of <paramref name="palette"/> closest to <paramref name="colour"/>.</summary>
    public static uint Nearest(uint colour, ReadOnlySpan<uint> palette)
    {
        var best = palette[0];
        var bestDistance = int.MaxValue;
        foreach (var candidate in palette)
        {
            var distance = Distance(colour, candidate);
            if (distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }

        return best;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Lerp(uint a, uint b, float t) => (uint)Math.Clamp((int)MathF.Round(a + ((b - (float)a) * t)), 0, 255);
}
