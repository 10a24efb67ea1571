namespace Tessera.Engines.Local.Procedural;

/// <summary>An opaque sRGB colour, 8 bits per channel.</summary>
internal readonly record struct Rgb(byte R, byte G, byte B)
{
    /// <summary>The colour as one RGBA pixel in memory order (R first) on a little-endian machine, alpha 255.</summary>
    public uint Packed => R | ((uint)G << 8) | ((uint)B << 16) | 0xFF000000u;

    public string Hex => $"#{R:x2}{G:x2}{B:x2}";

    /// <summary>Perceived brightness 0–255 (Rec. 601 weights, integer).</summary>
    public int Luma => ((R * 299) + (G * 587) + (B * 114)) / 1000;

    public static Rgb FromHex(uint rgb) => new((byte)(rgb >> 16), (byte)(rgb >> 8), (byte)rgb);

    public Rgb Mix(Rgb other, float t) => new(Lerp(R, other.R, t), Lerp(G, other.G, t), Lerp(B, other.B, t));

    public Rgb Scale(float factor) => new(Clamp(R * factor), Clamp(G * factor), Clamp(B * factor));

    /// <summary>Pushes the colour away from its own grey by <paramref name="factor"/> (1 = unchanged, 2 = twice as saturated).</summary>
    public Rgb Saturate(float factor)
    {
        float grey = Luma;
        return new(Clamp(grey + ((R - grey) * factor)), Clamp(grey + ((G - grey) * factor)), Clamp(grey + ((B - grey) * factor)));
    }

    /// <summary>A colour from hue (0–360), saturation and value (0–1).</summary>
    public static Rgb FromHsv(float hue, float saturation, float value)
    {
        var h = (hue % 360f + 360f) % 360f / 60f;
        var c = value * saturation;
        var x = c * (1 - MathF.Abs((h % 2) - 1));
        var m = value - c;
        var (r, g, b) = (int)h switch
        {
            0 => (c, x, 0f),
            1 => (x, c, 0f),
            2 => (0f, c, x),
            3 => (0f, x, c),
            4 => (x, 0f, c),
            _ => (c, 0f, x),
        };
        return new(Clamp((r + m) * 255), Clamp((g + m) * 255), Clamp((b + m) * 255));
    }

    private static byte Lerp(byte a, byte b, float t) => Clamp(a + ((b - a) * t));

    private static byte Clamp(float v) => (byte)Math.Clamp((int)MathF.Round(v), 0, 255);
}
