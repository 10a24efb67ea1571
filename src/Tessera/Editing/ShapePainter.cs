using NetVips;
using Tessera.Common;

namespace Tessera.Editing;

/// <summary>
/// Rectangles, ellipses and lines as coverage images computed per pixel by libvips arithmetic on a coordinate image
/// (<c>xyz</c>): edges anti-aliased over one pixel, strokes inside the box for rectangles and ellipses (the box is the
/// shape's whole extent, as CSS's border-box), centred on the line for lines, with round ends.
/// </summary>
internal static class ShapePainter
{
    public static Result<PaintedBox?> Paint(ShapeLayer shape, double scale)
    {
        var stroke = shape.Stroke is null ? 0 : shape.StrokeWidth * scale;
        return shape.Shape == ShapeKind.Line ? Line(shape, scale, stroke) : Area(shape, scale, stroke);
    }

    private static Result<PaintedBox?> Area(ShapeLayer shape, double scale, double stroke)
    {
        var (width, height) = (shape.Width * scale, shape.Height * scale);
        var (pixelsWide, pixelsHigh) = ((int)Math.Ceiling(width), (int)Math.Ceiling(height));
        if (width < 0.5 || height < 0.5)
        {
            return (PaintedBox?)null;
        }

        using var xyz = Image.Xyz(pixelsWide, pixelsHigh);
        using var px = xyz.ExtractBand(0).Linear([1.0], [0.5]);
        using var py = xyz.ExtractBand(1).Linear([1.0], [0.5]);

        // Signed distance inside the edge, in pixels (positive inside): exact for a rectangle, the usual normalised
        // approximation for an ellipse (good to a fraction of a pixel for the aspect ratios a caption box has).
        Image inside;
        if (shape.Shape == ShapeKind.Rect)
        {
            using var left = px.Copy();
            using var right = px.Linear([-1.0], [width]);
            using var top = py.Copy();
            using var bottom = py.Linear([-1.0], [height]);
            using var horizontal = Min(left, right);
            using var vertical = Min(top, bottom);
            inside = Min(horizontal, vertical);
        }
        else
        {
            var (a, b) = (width / 2, height / 2);
            using var dx = px.Linear([1 / a], [-1.0]);
            using var dy = py.Linear([1 / b], [-1.0]);
            using var squares = (dx * dx) + (dy * dy);
            using var distance = squares.Pow(0.5);
            inside = distance.Linear([-Math.Min(a, b)], [Math.Min(a, b)]);
        }

        using (inside)
        {
            using var outer = Coverage(inside, 0);
            using var fill = shape.Fill is { } fillColour ? Pixels.Colour(outer, fillColour) : null;
            if (stroke <= 0 || shape.Stroke is not { } strokeColour)
            {
                return new PaintedBox(fill!.Copy(), 0, 0, width, height);
            }

            using var inner = Coverage(inside, stroke);
            using var ring = outer - inner;
            using var strokeImage = Pixels.Colour(ring, strokeColour);
            var drawn = fill is null ? strokeImage.Copy() : Over(fill, strokeImage);
            return new PaintedBox(drawn, 0, 0, width, height);
        }
    }

    private static Result<PaintedBox?> Line(ShapeLayer shape, double scale, double stroke)
    {
        var (endX, endY) = (shape.Width * scale, shape.Height * scale);
        var half = stroke / 2;
        if (stroke < 0.25)
        {
            return (PaintedBox?)null;
        }

        // The drawing spans the segment plus half the stroke and a pixel of anti-aliasing on every side.
        var (minX, minY) = (Math.Min(0, endX) - half - 1, Math.Min(0, endY) - half - 1);
        var (pixelsWide, pixelsHigh) = ((int)Math.Ceiling(Math.Abs(endX) + stroke + 2), (int)Math.Ceiling(Math.Abs(endY) + stroke + 2));
        using var xyz = Image.Xyz(pixelsWide, pixelsHigh);
        using var px = xyz.ExtractBand(0).Linear([1.0], [minX + 0.5]);
        using var py = xyz.ExtractBand(1).Linear([1.0], [minY + 0.5]);
        var lengthSquared = (endX * endX) + (endY * endY);

        // Distance to the segment from (0, 0) to (endX, endY): project, clamp the projection to the segment, measure.
        using var dot = (px * endX) + (py * endY);
        using var t = Clamp01(dot.Linear([1 / lengthSquared], [0.0]));
        using var offX = px - (t * endX);
        using var offY = py - (t * endY);
        using var squares = (offX * offX) + (offY * offY);
        using var distance = squares.Pow(0.5);
        using var inside = distance.Linear([-1.0], [half]);
        using var coverage = Coverage(inside, 0);
        var drawn = Pixels.Colour(coverage, shape.Stroke!.Value);

        // The layer's box is the segment's own bounding box, so rotation turns the line about its midpoint.
        return new PaintedBox(drawn, minX, minY, Math.Abs(endX), Math.Abs(endY), Math.Min(0, endX), Math.Min(0, endY));
    }

    /// <summary>How much of each pixel lies more than <paramref name="depth"/> pixels inside the edge: 0–1, one pixel of ramp.</summary>
    private static Image Coverage(Image inside, double depth)
    {
        using var shifted = inside.Linear([1.0], [0.5 - depth]);
        return Clamp01(shifted);
    }

    private static Image Clamp01(Image image)
    {
        using var positive = image > 0.0;
        using var clampedLow = positive.Ifthenelse(image, 0.0);
        using var overOne = clampedLow > 1.0;
        return overOne.Ifthenelse(1.0, clampedLow);
    }

    private static Image Min(Image a, Image b)
    {
        using var less = a < b;
        return less.Ifthenelse(a, b);
    }

    private static Image Over(Image below, Image above)
    {
        using var both = below.Composite2(above, Enums.BlendMode.Over);
        using var bytes = both.Cast(Enums.BandFormat.Uchar);
        return bytes.Copy(interpretation: Enums.Interpretation.Srgb);
    }
}
