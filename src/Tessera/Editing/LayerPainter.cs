using NetVips;
using Tessera.Common;
using Tessera.Imaging;

namespace Tessera.Editing;

/// <summary>
/// Paints one layer as 8-bit sRGBA at the render's scale and says where its top-left lands: image layers shrunk on load
/// to their shown size, text set by Pango (<see cref="TextRenderer"/>) with its outline grown from the glyphs' coverage,
/// shapes from <see cref="ShapePainter"/>; then turned about the box's centre and faded by the opacity.
/// </summary>
internal static class LayerPainter
{
    /// <summary>The layer, or null when it draws nothing (opacity 0, or too small to show at this scale).</summary>
    public static Result<PlacedLayer?> Paint(EditLayer layer, EditSources sources, double scale, ImagingOptions limits, EditingOptions settings)
    {
        if (layer.Opacity == 0)
        {
            return (PlacedLayer?)null;
        }

        var painted = layer switch
        {
            ImageLayer image => Picture(image, sources, scale, limits, settings),
            TextLayer text => Text(text, scale),
            ShapeLayer shape => ShapePainter.Paint(shape, scale),
            _ => throw new ArgumentOutOfRangeException(nameof(layer)),
        };
        if (!painted.IsSuccess)
        {
            return painted.Error;
        }

        if (painted.Value is not { } box)
        {
            return (PlacedLayer?)null;
        }

        using var drawn = box.Image;
        var (x, y) = ((layer.X * scale) + box.OffsetX, (layer.Y * scale) + box.OffsetY);
        using var faded = Pixels.Fade(drawn, layer.Opacity);
        if (layer.Rotation % 360 == 0)
        {
            return new PlacedLayer(faded.Copy(), (int)Math.Round(x), (int)Math.Round(y));
        }

        // Turned about the centre of the layer's own box (not of the padded drawing): the centre stays where it was.
        var (centreX, centreY) = ((layer.X * scale) + box.BoxX + (box.BoxWidth / 2), (layer.Y * scale) + box.BoxY + (box.BoxHeight / 2));
        var turned = Pixels.Rotate(faded, layer.Rotation);
        var (drawnCentreX, drawnCentreY) = (x + (drawn.Width / 2.0) - centreX, y + (drawn.Height / 2.0) - centreY);
        var radians = layer.Rotation * Math.PI / 180;
        var (shiftX, shiftY) = ((drawnCentreX * Math.Cos(radians)) - (drawnCentreY * Math.Sin(radians)), (drawnCentreX * Math.Sin(radians)) + (drawnCentreY * Math.Cos(radians)));
        return new PlacedLayer(turned, (int)Math.Round(centreX + shiftX - (turned.Width / 2.0)), (int)Math.Round(centreY + shiftY - (turned.Height / 2.0)));
    }

    private static Result<PaintedBox?> Picture(ImageLayer layer, EditSources sources, double scale, ImagingOptions limits, EditingOptions settings)
    {
        if (!sources.Images.TryGetValue(layer.MediaId, out var bytes))
        {
            return Error.NotFound($"Media {layer.MediaId} not found.");
        }

        var header = ImageLoader.Open(bytes, limits, static _ => true, sequential: true);
        if (!header.IsSuccess)
        {
            return Error.Validation($"Image layer {layer.MediaId}: {header.Error.Message}");
        }

        int width, height;
        using (var probe = header.Value.Image)
        {
            (width, height) = ((int)Math.Round(probe.Width * layer.Scale * scale), (int)Math.Round(probe.Height * layer.Scale * scale));
        }

        if (width < 1 || height < 1)
        {
            return (PaintedBox?)null;
        }

        if (width > settings.MaxOutputSide || height > settings.MaxOutputSide || (long)width * height > settings.MaxOutputPixels)
        {
            return Error.Validation($"Image layer {layer.MediaId} would be {width}x{height} at scale {layer.Scale}: too large.");
        }

        using var shrunk = Image.ThumbnailBuffer(bytes, width, height: height, size: Enums.Size.Force, noRotate: true, failOn: Enums.FailOn.Error);
        var rgba = Pixels.Rgba(shrunk);
        return new PaintedBox(rgba, 0, 0, rgba.Width, rgba.Height);
    }

    private static Result<PaintedBox?> Text(TextLayer layer, double scale)
    {
        var size = (int)Math.Round(layer.Size * scale);
        if (size < 1)
        {
            return (PaintedBox?)null;
        }

        var outline = (int)Math.Round(layer.OutlineWidth * scale);
        if (layer.OutlineWidth > 0)
        {
            outline = Math.Max(1, outline);
        }

        // Padding around the glyphs leaves room for the outline; the layer's x, y is the glyph box's corner.
        var text = TextRenderer.Render(layer.Text, layer.FontFile, size, layer.Colour, padding: outline);
        var (boxWidth, boxHeight) = (text.Width - (2 * outline), text.Height - (2 * outline));
        if (outline == 0)
        {
            return new PaintedBox(text, 0, 0, boxWidth, boxHeight);
        }

        using (text)
        {
            // The outline is the glyphs' coverage grown by its width (a maximum filter), drawn under the text.
            using var coverage = text.ExtractBand(3);
            var window = (2 * outline) + 1;
            using var grown = coverage.Rank(window, window, (window * window) - 1);
            using var grownShare = grown.Linear([1 / 255.0], [0.0]);
            using var ring = Pixels.Colour(grownShare, layer.OutlineColour);
            var both = ring.Composite2(text, Enums.BlendMode.Over);
            using (both)
            {
                using var bytes = both.Cast(Enums.BandFormat.Uchar);
                return new PaintedBox(bytes.Copy(interpretation: Enums.Interpretation.Srgb), -outline, -outline, boxWidth, boxHeight);
            }
        }
    }
}

/// <summary>
/// A painted layer: the drawing and its offset from the layer's (x, y) in render pixels; the layer's own box (its
/// offset from (x, y), zero but for lines drawn up or left, and its size), which rotation turns about.
/// </summary>
internal sealed record PaintedBox(Image Image, double OffsetX, double OffsetY, double BoxWidth, double BoxHeight, double BoxX = 0, double BoxY = 0);
