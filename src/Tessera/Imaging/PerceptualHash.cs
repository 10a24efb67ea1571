using System.Globalization;
using System.Numerics;
using NetVips;
using Tessera.Common;

namespace Tessera.Imaging;

/// <summary>
/// The perceptual hash of python's <c>imagehash.phash</c> (hash_size 8, highfreq_factor 4), bit for bit: the image to
/// 8-bit greyscale the way Pillow's <c>convert("L")</c> does it (ITU-R 601: L = (19595 R + 38470 G + 7471 B + 2¹⁵) » 16,
/// alpha ignored), resized to 32×32 with Pillow's Lanczos (<see cref="PillowLanczos"/>), a 2-D DCT-II (scipy's
/// <c>fftpack.dct</c> along the columns, then the rows; its scale does not change the bits), the top-left 8×8
/// coefficients including the DC term, their median (the mean of the 32nd and 33rd of the 64 sorted), and a bit per
/// coefficient: 1 when it is greater than the median. The 64 bits are read row-major, the first the most significant,
/// which is how imagehash prints them: 16 hex digits. Similar pictures differ in few bits (<see cref="Distance"/>).
/// </summary>
public static class PerceptualHash
{
    private const int Side = 32;
    private const int Low = 8;

    /// <summary>cos(π k (2n + 1) / 64) for the 8 lowest frequencies k and the 32 samples n.</summary>
    private static readonly double[] Cosines = BuildCosines();

    /// <summary>The hash of an image's first frame (any libvips image: sRGB, grey, 16-bit; it is read once).</summary>
    public static ulong Compute(Image image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var grey = Greyscale(image);
        var small = PillowLanczos.Resize(grey, image.Width, image.Height, Side, Side);
        return FromPixels(small);
    }

    /// <summary>The hash of an untrusted encoded image, bounded as <see cref="ImageLoader"/> bounds every load.</summary>
    public static Result<ulong> Compute(byte[] data, ImagingOptions? limits = null)
    {
        var loaded = ImageLoader.Load(data, limits, sequential: true);
        if (!loaded.IsSuccess)
        {
            return loaded.Error;
        }

        using var image = loaded.Value;
        try
        {
            return Compute(image.Image);
        }
        catch (VipsException)
        {
            return Error.Validation("The image could not be decoded.");
        }
    }

    /// <summary>The number of bits in which two hashes differ (0 = same picture to the hash, 64 = opposite).</summary>
    public static int Distance(ulong a, ulong b) => BitOperations.PopCount(a ^ b);

    /// <summary>The hash as imagehash prints it: 16 lower-case hex digits.</summary>
    public static string ToHex(ulong hash) => hash.ToString("x16", CultureInfo.InvariantCulture);

    /// <summary>Reads 16 hex digits (either case), as <see cref="ToHex"/> writes them.</summary>
    public static bool TryParseHex(string? hex, out ulong hash)
    {
        hash = 0;
        return hex is { Length: 16 } && ulong.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out hash);
    }

    /// <summary>The hash of 32×32 greyscale pixels, row-major (the DCT, the median and the bits).</summary>
    internal static ulong FromPixels(ReadOnlySpan<byte> pixels)
    {
        // Columns first (scipy: dct along axis 0), keeping the 8 lowest vertical frequencies: 8×32.
        Span<double> vertical = stackalloc double[Low * Side];
        for (var k = 0; k < Low; k++)
        {
            for (var x = 0; x < Side; x++)
            {
                var sum = 0.0;
                for (var n = 0; n < Side; n++)
                {
                    sum += pixels[(n * Side) + x] * Cosines[(k * Side) + n];
                }

                vertical[(k * Side) + x] = 2 * sum;
            }
        }

        // Then the rows (axis 1), the 8 lowest horizontal frequencies: the top-left 8×8.
        Span<double> coefficients = stackalloc double[Low * Low];
        for (var row = 0; row < Low; row++)
        {
            for (var k = 0; k < Low; k++)
            {
                var sum = 0.0;
                for (var n = 0; n < Side; n++)
                {
                    sum += vertical[(row * Side) + n] * Cosines[(k * Side) + n];
                }

                coefficients[(row * Low) + k] = 2 * sum;
            }
        }

        Span<double> sorted = stackalloc double[Low * Low];
        coefficients.CopyTo(sorted);
        sorted.Sort();
        var median = (sorted[31] + sorted[32]) / 2;
        ulong hash = 0;
        for (var i = 0; i < Low * Low; i++)
        {
            hash = (hash << 1) | (coefficients[i] > median ? 1UL : 0UL);
        }

        return hash;
    }

    /// <summary>8-bit greyscale as Pillow's <c>convert("L")</c> makes it from RGB(A) or grey.</summary>
    internal static byte[] Greyscale(Image image)
    {
        using var normalised = image.Interpretation switch
        {
            Enums.Interpretation.Srgb or Enums.Interpretation.Bw => image.Copy(),
            Enums.Interpretation.Rgb16 => image.Colourspace(Enums.Interpretation.Srgb),
            Enums.Interpretation.Grey16 => image.Colourspace(Enums.Interpretation.Bw),
            _ => image.Colourspace(Enums.Interpretation.Srgb),
        };
        using var bytes = normalised.Format == Enums.BandFormat.Uchar ? normalised.Copy() : normalised.Cast(Enums.BandFormat.Uchar);
        var bands = bytes.Bands;
        var pixels = bytes.WriteToMemory<byte>();
        var count = image.Width * image.Height;
        if (bands <= 2)
        {
            if (bands == 1)
            {
                return pixels;
            }

            var grey = new byte[count];
            for (var i = 0; i < count; i++)
            {
                grey[i] = pixels[i * 2];
            }

            return grey;
        }

        var luma = new byte[count];
        for (var i = 0; i < count; i++)
        {
            var p = i * bands;
            luma[i] = (byte)(((pixels[p] * 19595) + (pixels[p + 1] * 38470) + (pixels[p + 2] * 7471) + 0x8000) >> 16);
        }

        return luma;
    }

    private static double[] BuildCosines()
    {
        var table = new double[Low * Side];
        for (var k = 0; k < Low; k++)
        {
            for (var n = 0; n < Side; n++)
            {
                table[(k * Side) + n] = Math.Cos(Math.PI * k * ((2 * n) + 1) / (2 * Side));
            }
        }

        return table;
    }
}
