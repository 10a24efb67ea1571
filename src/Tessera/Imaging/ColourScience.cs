using System.Globalization;

namespace Tessera.Imaging;

/// <summary>A CIELAB colour (D65 white, 2° observer): lightness 0–100 and the a*/b* axes.</summary>
public readonly record struct Lab(double L, double A, double B);

/// <summary>
/// sRGB to CIELAB (IEC 61966-2-1's transfer curve, the sRGB→XYZ matrix, the D65 white) and the CIEDE2000 colour
/// difference (Sharma, Wu and Dalal, "The CIEDE2000 Color-Difference Formula: Implementation Notes, Supplementary Test
/// Data, and Mathematical Observations", 2005; kL = kC = kH = 1). A difference under ~2.3 is about what a person can
/// tell apart side by side.
/// </summary>
public static class ColourScience
{
    private const double WhiteX = 0.95047;
    private const double WhiteY = 1.0;
    private const double WhiteZ = 1.08883;

    /// <summary>The Lab of an 8-bit sRGB colour.</summary>
    public static Lab FromRgb(byte r, byte g, byte b)
    {
        var (lr, lg, lb) = (Linear[r], Linear[g], Linear[b]);
        var x = (0.4124564 * lr) + (0.3575761 * lg) + (0.1804375 * lb);
        var y = (0.2126729 * lr) + (0.7151522 * lg) + (0.0721750 * lb);
        var z = (0.0193339 * lr) + (0.1191920 * lg) + (0.9503041 * lb);
        var (fx, fy, fz) = (F(x / WhiteX), F(y / WhiteY), F(z / WhiteZ));
        return new Lab((116 * fy) - 16, 500 * (fx - fy), 200 * (fy - fz));
    }

    /// <summary>The Lab of <c>#rrggbb</c> (or <c>rrggbb</c>, <c>#rgb</c>); a malformed string throws <see cref="FormatException"/>.</summary>
    public static Lab FromHex(string hex)
    {
        if (!TryParseHex(hex, out var r, out var g, out var b))
        {
            throw new FormatException($"'{hex}' is not a #rrggbb colour.");
        }

        return FromRgb(r, g, b);
    }

    /// <summary>Reads <c>#rrggbb</c>, <c>rrggbb</c>, <c>#rgb</c> or <c>rgb</c> (either case).</summary>
    public static bool TryParseHex(string? hex, out byte r, out byte g, out byte b)
    {
        r = g = b = 0;
        var digits = hex is null ? "" : hex.StartsWith('#') ? hex[1..] : hex;
        if (digits.Length == 3)
        {
            digits = string.Concat(digits[0], digits[0], digits[1], digits[1], digits[2], digits[2]);
        }

        if (digits.Length != 6 || !uint.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        (r, g, b) = ((byte)(value >> 16), (byte)(value >> 8), (byte)value);
        return true;
    }

    /// <summary><c>#rrggbb</c>, lower case.</summary>
    public static string ToHex(byte r, byte g, byte b) => $"#{r:x2}{g:x2}{b:x2}";

    /// <summary>The CIEDE2000 difference ΔE00 between two colours (0 = the same; symmetric).</summary>
    public static double Ciede2000(Lab first, Lab second)
    {
        var c1 = Math.Sqrt((first.A * first.A) + (first.B * first.B));
        var c2 = Math.Sqrt((second.A * second.A) + (second.B * second.B));
        var meanC = (c1 + c2) / 2;
        var meanC7 = Math.Pow(meanC, 7);
        var g = 0.5 * (1 - Math.Sqrt(meanC7 / (meanC7 + Pow25To7)));
        var a1 = (1 + g) * first.A;
        var a2 = (1 + g) * second.A;
        var c1p = Math.Sqrt((a1 * a1) + (first.B * first.B));
        var c2p = Math.Sqrt((a2 * a2) + (second.B * second.B));
        var h1p = Hue(first.B, a1);
        var h2p = Hue(second.B, a2);

        var deltaL = second.L - first.L;
        var deltaC = c2p - c1p;
        double deltaHue;
        if (c1p * c2p == 0)
        {
            deltaHue = 0;
        }
        else
        {
            deltaHue = h2p - h1p;
            if (deltaHue > 180)
            {
                deltaHue -= 360;
            }
            else if (deltaHue < -180)
            {
                deltaHue += 360;
            }
        }

        var deltaH = 2 * Math.Sqrt(c1p * c2p) * Math.Sin(Radians(deltaHue / 2));

        var meanL = (first.L + second.L) / 2;
        var meanCp = (c1p + c2p) / 2;
        double meanH;
        if (c1p * c2p == 0)
        {
            meanH = h1p + h2p;
        }
        else if (Math.Abs(h1p - h2p) <= 180)
        {
            meanH = (h1p + h2p) / 2;
        }
        else
        {
            meanH = h1p + h2p < 360 ? (h1p + h2p + 360) / 2 : (h1p + h2p - 360) / 2;
        }

        var t = 1 - (0.17 * Math.Cos(Radians(meanH - 30))) + (0.24 * Math.Cos(Radians(2 * meanH)))
            + (0.32 * Math.Cos(Radians((3 * meanH) + 6))) - (0.20 * Math.Cos(Radians((4 * meanH) - 63)));
        var deltaTheta = 30 * Math.Exp(-Math.Pow((meanH - 275) / 25, 2));
        var meanCp7 = Math.Pow(meanCp, 7);
        var rc = 2 * Math.Sqrt(meanCp7 / (meanCp7 + Pow25To7));
        var meanL50 = (meanL - 50) * (meanL - 50);
        var sl = 1 + (0.015 * meanL50 / Math.Sqrt(20 + meanL50));
        var sc = 1 + (0.045 * meanCp);
        var sh = 1 + (0.015 * meanCp * t);
        var rt = -Math.Sin(Radians(2 * deltaTheta)) * rc;

        var l = deltaL / sl;
        var c = deltaC / sc;
        var h = deltaH / sh;
        return Math.Sqrt((l * l) + (c * c) + (h * h) + (rt * c * h));
    }

    private static readonly double Pow25To7 = Math.Pow(25, 7);

    /// <summary>The sRGB transfer curve inverted, per 8-bit value (256 entries: every pixel conversion is a lookup).</summary>
    private static readonly double[] Linear = Enumerable.Range(0, 256).Select(static v =>
    {
        var c = v / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
    }).ToArray();

    private static double F(double t) => t > 216.0 / 24389 ? Math.Cbrt(t) : ((24389.0 / 27 * t) + 16) / 116;

    private static double Hue(double b, double a)
    {
        if (b == 0 && a == 0)
        {
            return 0;
        }

        var degrees = Math.Atan2(b, a) * 180 / Math.PI;
        return degrees < 0 ? degrees + 360 : degrees;
    }

    private static double Radians(double degrees) => degrees * Math.PI / 180;
}
