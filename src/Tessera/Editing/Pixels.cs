using NetVips;

namespace Tessera.Editing;

/// <summary>Conversions every painter needs: to 8-bit sRGB, and an alpha band added or scaled.</summary>
internal static class Pixels
{
    /// <summary>8-bit sRGB (grey images become three equal bands), the alpha band kept.</summary>
    public static Image Srgb8(Image image)
    {
        using var srgb = image.Interpretation == Enums.Interpretation.Srgb && image.Bands is 3 or 4 ? image.Copy() : image.Colourspace(Enums.Interpretation.Srgb);
        return srgb.Format == Enums.BandFormat.Uchar ? srgb.Copy() : srgb.Cast(Enums.BandFormat.Uchar);
    }

    /// <summary>8-bit sRGBA: an opaque alpha band added when there is none.</summary>
    public static Image Rgba(Image image)
    {
        using var srgb = Srgb8(image);
        return srgb.HasAlpha() ? srgb.Copy() : srgb.Bandjoin(255);
    }

    /// <summary>An RGBA image of one colour (0xRRGGBB) whose alpha is <paramref name="coverage"/> (a one-band image, 0–1).</summary>
    public static Image Colour(Image coverage, uint rgb)
    {
        using var alpha = coverage.Linear([255.0], [0.0]).Cast(Enums.BandFormat.Uchar);
        using var colour = alpha.NewFromImage([(rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF]);
        using var joined = colour.Bandjoin(alpha);
        return joined.Copy(interpretation: Enums.Interpretation.Srgb);
    }

    /// <summary>The alpha band multiplied by <paramref name="opacity"/> percent.</summary>
    public static Image Fade(Image rgba, int opacity)
    {
        if (opacity >= 100)
        {
            return rgba.Copy();
        }

        using var colour = rgba.ExtractBand(0, n: 3);
        using var alpha = rgba.ExtractBand(3);
        using var faded = alpha.Linear([opacity / 100.0], [0.0]).Cast(Enums.BandFormat.Uchar);
        using var joined = colour.Bandjoin(faded);
        return joined.Copy(interpretation: Enums.Interpretation.Srgb);
    }

    /// <summary>
    /// Turned <paramref name="degrees"/> clockwise about its centre on a transparent background, premultiplied while
    /// interpolating so the edges do not darken; the result is larger (it holds the turned corners).
    /// </summary>
    public static Image Rotate(Image rgba, double degrees)
    {
        using var premultiplied = rgba.Premultiply();
        using var turned = premultiplied.Rotate(degrees, background: [0.0, 0.0, 0.0, 0.0]);
        using var straight = turned.Unpremultiply();
        using var bytes = straight.Cast(Enums.BandFormat.Uchar);
        return bytes.Copy(interpretation: Enums.Interpretation.Srgb);
    }
}
