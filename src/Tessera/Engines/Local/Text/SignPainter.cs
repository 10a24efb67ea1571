using System.Runtime.InteropServices;
using Tessera.Engines.Local.Conditioning;
using Tessera.Imaging;

namespace Tessera.Engines.Local.Text;

/// <summary>
/// Draws a prompt's quoted text onto a rendered picture as a sign: a panel in the palette's darkest colour with a
/// light border across the lower middle, the text in the palette's lightest colour, set by
/// <see cref="TextRenderer"/> from a real font file and sized to fill the panel.
/// </summary>
internal static class SignPainter
{
    /// <summary>The panel: 80% of the width, 22% of the height, its centre 62% down (a sign in the scene, not a caption).</summary>
    private const float PanelWidth = 0.8f;
    private const float PanelHeight = 0.22f;
    private const float PanelCentre = 0.62f;

    /// <summary>Where the sign went, for the job's metadata and for tests.</summary>
    public readonly record struct Placement(int X, int Y, int Width, int Height);

    public static Placement Paint(Span<byte> rgba, int width, int height, string text, string fontFile, uint panel, uint ink)
    {
        var panelWidth = Math.Max(8, (int)(width * PanelWidth));
        var panelHeight = Math.Max(8, (int)(height * PanelHeight));
        var left = (width - panelWidth) / 2;
        var top = Math.Clamp((int)(height * PanelCentre) - (panelHeight / 2), 0, height - panelHeight);
        var border = Math.Max(1, panelHeight / 24);
        var pixels = MemoryMarshal.Cast<byte, uint>(rgba[..(width * height * 4)]);
        for (var y = top; y < top + panelHeight; y++)
        {
            var row = pixels.Slice((y * width) + left, panelWidth);
            var edgeRow = y < top + border || y >= top + panelHeight - border;
            for (var x = 0; x < panelWidth; x++)
            {
                row[x] = edgeRow || x < border || x >= panelWidth - border ? ink : panel;
            }
        }

        // Pango fits the text into the box (width and height both given: the largest size that fits); the result is a
        // one-band mask, 0 outside the glyphs and 255 inside, with anti-aliased edges.
        var margin = border * 4;
        var boxWidth = Math.Max(1, panelWidth - (2 * margin));
        var boxHeight = Math.Max(1, panelHeight - (2 * margin));
        using var mask = TextRenderer.FitMask(text, fontFile, boxWidth, boxHeight);
        var alpha = mask.WriteToMemory<byte>();
        var offsetX = left + margin + ((boxWidth - mask.Width) / 2);
        var offsetY = top + margin + ((boxHeight - mask.Height) / 2);
        for (var y = 0; y < mask.Height; y++)
        {
            var py = offsetY + y;
            if (py < 0 || py >= height)
            {
                continue;
            }

            for (var x = 0; x < mask.Width; x++)
            {
                var px = offsetX + x;
                var coverage = alpha[(y * mask.Width) + x];
                if (px >= 0 && px < width && coverage > 0)
                {
                    var index = (py * width) + px;
                    pixels[index] = Pixel.Mix(pixels[index], ink, coverage / 255f);
                }
            }
        }

        return new Placement(left, top, panelWidth, panelHeight);
    }
}
