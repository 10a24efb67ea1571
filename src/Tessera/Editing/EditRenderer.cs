using Microsoft.Extensions.Options;
using NetVips;
using Tessera.Common;
using Tessera.Imaging;

namespace Tessera.Editing;

/// <summary>The bytes an edit is rendered from: the base image's file (and a key naming its content, for the preview
/// cache) and the files of its image layers by media id.</summary>
public sealed record EditSources(byte[] Base, string BaseKey, IReadOnlyDictionary<long, byte[]> Images);

/// <summary>An encoded render, its size, and the edited image's full size (the space layer coordinates are in; larger than
/// the render's for a preview).</summary>
public sealed record RenderedEdit(byte[] Bytes, ImageFormat Format, int Width, int Height, int EditWidth, int EditHeight)
{
    public string ContentType => ImageEncoder.ContentType(Format);
}

/// <summary>
/// Renders an <see cref="Edit"/> with libvips: the base is decoded once, already at the size it is shown (shrink-on-load:
/// a JPEG decodes at 1/2, 1/4 or 1/8 when the target is that much smaller, so a 1024-pixel preview of a 12-megapixel photo
/// decodes a quarter of it), cropped, filtered, then every layer is composited in one <c>composite</c> call (one pass
/// over the image, not one per layer) and the result encoded. A preview is the same render with every coordinate scaled
/// by the preview's factor; its shrunk base is kept (<see cref="PreviewBaseCache"/>) because a drag asks for many
/// previews of one picture.
/// </summary>
public sealed class EditRenderer(IOptions<EditingOptions> options, PreviewBaseCache cache)
{
    /// <summary>The quality of preview JPEGs: fast to encode (~5 ms at 1024×768) and good enough to judge a layout by.</summary>
    private const int PreviewQuality = 80;

    /// <summary>The full-size render in the edit's own output format.</summary>
    public Result<RenderedEdit> Render(EditSources sources, Edit edit, ImagingOptions limits) => Run(sources, edit, limits, preview: false);

    /// <summary>A small render: longest side at most <see cref="EditingOptions.PreviewMaxSide"/>, always JPEG.</summary>
    public Result<RenderedEdit> Preview(EditSources sources, Edit edit, ImagingOptions limits) => Run(sources, edit, limits, preview: true);

    private Result<RenderedEdit> Run(EditSources sources, Edit edit, ImagingOptions limits, bool preview)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(edit);
        try
        {
            var made = Compose(sources, edit, limits, preview);
            if (!made.IsSuccess)
            {
                return made.Error;
            }

            var (image, editWidth, editHeight) = made.Value;
            using var disposing = image;
            var format = preview ? ImageFormat.Jpeg : edit.Output.Format;
            var encoded = ImageEncoder.Encode(image, format, preview ? PreviewQuality : edit.Output.Quality);
            return encoded.IsSuccess ? new RenderedEdit(encoded.Value, format, image.Width, image.Height, editWidth, editHeight) : encoded.Error;
        }
        catch (VipsException)
        {
            // A truncated file fails when its pixels are read, that is here, not when its header was checked.
            return Error.Validation("An image of the edit could not be decoded.");
        }
    }

    private Result<(Image Image, int EditWidth, int EditHeight)> Compose(EditSources sources, Edit edit, ImagingOptions limits, bool preview)
    {
        var settings = options.Value;
        var header = ImageLoader.Open(sources.Base, limits, static _ => true, sequential: false);
        if (!header.IsSuccess)
        {
            return Error.Validation("The base image: " + header.Error.Message);
        }

        var (sourceWidth, sourceHeight) = (header.Value.Image.Width, header.Value.Image.Height);
        var geometry = EditGeometry.Of(sourceWidth, sourceHeight, edit.Crop, edit.Resize, settings);
        if (!geometry.IsSuccess)
        {
            header.Value.Image.Dispose();
            return geometry.Error;
        }

        var g = geometry.Value;
        var scale = preview ? Math.Min(1.0, settings.PreviewMaxSide / (double)Math.Max(g.Width, g.Height)) : 1.0;
        var (width, height) = (Math.Max(1, (int)Math.Round(g.Width * scale)), Math.Max(1, (int)Math.Round(g.Height * scale)));
        using var shown = Base(sources, header.Value.Image, g, width, height, preview);
        using var filtered = BaseFilters.Apply(shown, edit.Filters, scale);
        var layers = new List<PlacedLayer>();
        try
        {
            foreach (var layer in edit.Layers.Select((layer, index) => (layer, index)).OrderBy(item => item.layer.Z).ThenBy(item => item.index).Select(item => item.layer))
            {
                var painted = LayerPainter.Paint(layer, sources, scale, limits, settings);
                if (!painted.IsSuccess)
                {
                    return painted.Error;
                }

                if (painted.Value is { } placed && Overlaps(placed, width, height))
                {
                    layers.Add(placed);
                }
                else
                {
                    painted.Value?.Image.Dispose();
                }
            }

            return (Flatten(filtered, layers), g.Width, g.Height);
        }
        finally
        {
            foreach (var placed in layers)
            {
                placed.Image.Dispose();
            }
        }
    }

    /// <summary>
    /// The base at <paramref name="width"/>×<paramref name="height"/>: the whole source scaled so the crop comes out at that
    /// size (thumbnail shrinks on load), then the crop cut out; 8-bit sRGB, alpha kept when the source has it.
    /// </summary>
    private Image Base(EditSources sources, Image header, EditGeometry g, int width, int height, bool preview)
    {
        var (fx, fy) = (width / g.CropWidth, height / g.CropHeight);
        var (scaledWidth, scaledHeight) = (Math.Max(width, (int)Math.Round(header.Width * fx)), Math.Max(height, (int)Math.Round(header.Height * fy)));
        var (left, top) = (Math.Clamp((int)Math.Round(g.CropX * fx), 0, scaledWidth - width), Math.Clamp((int)Math.Round(g.CropY * fy), 0, scaledHeight - height));
        var key = $"{sources.BaseKey}/{scaledWidth}x{scaledHeight}/{left},{top},{width},{height}";
        if (preview && cache.Find(key) is { } cached)
        {
            header.Dispose();
            return cached;
        }

        Image scaled;
        if (scaledWidth == header.Width && scaledHeight == header.Height)
        {
            scaled = header;
        }
        else
        {
            header.Dispose();
            scaled = Image.ThumbnailBuffer(sources.Base, scaledWidth, height: scaledHeight, size: Enums.Size.Force, noRotate: true, failOn: Enums.FailOn.Error);
        }

        using (scaled)
        {
            using var cut = left == 0 && top == 0 && width == scaled.Width && height == scaled.Height ? scaled.Copy() : scaled.Crop(left, top, width, height);
            using var srgb = Pixels.Srgb8(cut);
            if (!preview)
            {
                return srgb.Copy();
            }

            // Decoded once into memory: the next preview of this picture (the next drag step) starts from here.
            var kept = srgb.CopyMemory();
            cache.Add(key, kept);
            return kept;
        }
    }

    private static bool Overlaps(PlacedLayer layer, int width, int height) =>
        layer.X < width && layer.Y < height && layer.X + layer.Image.Width > 0 && layer.Y + layer.Image.Height > 0;

    /// <summary>All layers over the base in one composite; the base's alpha band is kept only when it had one.</summary>
    private static Image Flatten(Image background, List<PlacedLayer> layers)
    {
        if (layers.Count == 0)
        {
            return background.Copy();
        }

        var hadAlpha = background.HasAlpha();
        using var withAlpha = hadAlpha ? background.Copy() : background.Bandjoin(255);
        using var composed = withAlpha.Composite(
            [.. layers.Select(layer => layer.Image)], [.. layers.Select(_ => Enums.BlendMode.Over)],
            x: [.. layers.Select(layer => layer.X)], y: [.. layers.Select(layer => layer.Y)]);
        using var bytes = composed.Format == Enums.BandFormat.Uchar ? composed.Copy() : composed.Cast(Enums.BandFormat.Uchar);
        return (hadAlpha ? bytes.Copy() : bytes.ExtractBand(0, n: 3)).Copy(interpretation: Enums.Interpretation.Srgb);
    }
}

/// <summary>A layer painted as 8-bit sRGBA and where its top-left lands on the edited image.</summary>
internal sealed record PlacedLayer(Image Image, int X, int Y);
