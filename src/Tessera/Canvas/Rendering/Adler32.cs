namespace Tessera.Canvas.Rendering;

/// <summary>
/// Adler-32 (RFC 1950) with <see cref="Combine"/>, so the PNG of a canvas can re-compress one band of rows and still
/// produce the checksum of the whole image without re-reading the other bands. Written here because neither the BCL
/// nor a served package exposes the combine step.
/// </summary>
internal static class Adler32
{
    private const uint Base = 65521;
    private const int MaxBlock = 5552; // largest n with 255n(n+1)/2 + (n+1)(Base-1) < 2^32 (zlib's NMAX)

    public static uint Compute(ReadOnlySpan<byte> data, uint adler = 1)
    {
        uint a = adler & 0xFFFF, b = adler >> 16;
        while (data.Length > 0)
        {
            var block = data[..Math.Min(data.Length, MaxBlock)];
            foreach (var value in block)
            {
                a += value;
                b += a;
            }

            a %= Base;
            b %= Base;
            data = data[block.Length..];
        }

        return (b << 16) | a;
    }

    /// <summary>The Adler-32 of A followed by B, from Adler-32(A), Adler-32(B) and the length of B (zlib's adler32_combine).</summary>
    public static uint Combine(uint adler1, uint adler2, long length2)
    {
        var remainder = (uint)(length2 % Base);
        var sum1 = adler1 & 0xFFFF;
        var sum2 = (uint)((ulong)remainder * sum1 % Base);
        sum1 += (adler2 & 0xFFFF) + Base - 1;
        sum2 += (adler1 >> 16) + (adler2 >> 16) + Base - remainder;
        if (sum1 >= Base)
        {
            sum1 -= Base;
        }

        if (sum1 >= Base)
        {
            sum1 -= Base;
        }

        if (sum2 >= Base << 1)
        {
            sum2 -= Base << 1;
        }

        if (sum2 >= Base)
        {
            sum2 -= Base;
        }

        return sum1 | (sum2 << 16);
    }
}
