using NetVips;

namespace Tessera.Imaging;

/// <summary>
/// Sets text with libvips (Pango and FreeType) from a real font file: as a coverage mask fitted into a box (signs on
/// generated pictures) or as an RGBA image of a given size and colour (layers, OCR tests). libvips rather than
/// SkiaSharp: it is already the Imaging module's library (ARCHITECTURE.md, "use SkiaSharp only for what libvips
/// cannot draw"). The text is drawn as itself: Pango markup characters are escaped.
/// </summary>
public static class TextRenderer
{
    /// <summary>
    /// A one-band mask of <paramref name="text"/> at the largest size that fits <paramref name="width"/>×<paramref name="height"/>
    /// (Pango fits it when both are given): 0 outside the glyphs, 255 inside, anti-aliased edges. The mask is as large
    /// as the set text, at most the box.
    /// </summary>
    public static Image FitMask(string text, string fontFile, int width, int height, Enums.Align align = Enums.Align.Centre)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Image.Text(Escape(text), font: FontFiles.Family(fontFile), fontfile: fontFile,
            width: Math.Max(1, width), height: Math.Max(1, height), align: align);
    }

    /// <summary>
    /// <paramref name="text"/> set at <paramref name="sizePx"/> pixels (the font's em size) in the colour
    /// <paramref name="rgb"/> (0xRRGGBB) on a transparent background, with <paramref name="padding"/> pixels around it:
    /// a 4-band sRGB image whose alpha is the glyphs' coverage.
    /// </summary>
    public static Image Render(string text, string fontFile, int sizePx, uint rgb, int padding = 0)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(sizePx, 1);

        // At 72 dpi a Pango point is a pixel, so the font size is the em size in pixels.
        using var mask = Image.Text(Escape(text), font: $"{FontFiles.Family(fontFile)} {sizePx}", fontfile: fontFile, dpi: 72);
        using var padded = padding > 0 ? mask.Embed(padding, padding, mask.Width + (2 * padding), mask.Height + (2 * padding)) : mask.Copy();
        using var colour = padded.NewFromImage([(rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF]);
        using var joined = colour.Bandjoin(padded);
        using var srgb = joined.Copy(interpretation: Enums.Interpretation.Srgb);
        return srgb.Cast(Enums.BandFormat.Uchar);
    }

    /// <summary>libvips reads the text as Pango markup: &lt;, &gt; and &amp; must be escaped to be drawn as themselves.</summary>
    public static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
