using NetVips;
using Tessera.Common;

namespace Tessera.Imaging;

/// <summary>
/// Resize and convert. The byte-level overloads start from an untrusted upload and go through
/// <see cref="ImageLoader"/>'s checks first, then let libvips shrink on load (a JPEG decodes at 1/2, 1/4 or 1/8 of its
/// size when the target is that much smaller: the 1920→800 derivative decodes a quarter of the pixels).
/// </summary>
public static class ImageTransforms
{
    /// <summary>
    /// <paramref name="image"/> scaled to <paramref name="width"/> and/or <paramref name="height"/> (at least one): with
    /// <paramref name="keepAspect"/> it fits inside the box given (one side alone sets the scale); without, it is
    /// stretched to exactly width×height (both required). Lanczos 3, up or down; with <paramref name="enlarge"/> false
    /// only down (an image already inside the box keeps its size).
    /// </summary>
    public static Result<Image> Resize(Image image, int? width, int? height, bool keepAspect = true, ImagingOptions? limits = null, bool enlarge = true)
    {
        ArgumentNullException.ThrowIfNull(image);
        var box = Box(width, height, keepAspect, enlarge, image.Width, image.Height, limits ?? ImagingOptions.Default);
        if (!box.IsSuccess)
        {
            return box.Error;
        }

        var (targetWidth, targetHeight, size) = box.Value;
        return image.ThumbnailImage(targetWidth, height: targetHeight, size: size);
    }

    /// <summary>
    /// Loads <paramref name="data"/> (bounded) and resizes it as <see cref="Resize(Image, int?, int?, bool, ImagingOptions?)"/>
    /// does, shrinking on load and turning it upright by its EXIF orientation. The result streams: read it once.
    /// </summary>
    public static Result<LoadedImage> Resize(byte[] data, int? width, int? height, bool keepAspect = true, ImagingOptions? limits = null, bool enlarge = true)
    {
        limits ??= ImagingOptions.Default;
        var header = ImageLoader.Open(data, limits, static _ => true, sequential: true);
        if (!header.IsSuccess)
        {
            return header.Error;
        }

        var format = header.Value.Format;
        int sourceWidth, sourceHeight, frames;
        using (var probe = header.Value.Image)
        {
            (sourceWidth, sourceHeight) = (probe.Width, probe.Height);
            frames = probe.Contains("n-pages") && probe.Get("n-pages") is int pages && pages > 0 ? pages : 1;
        }

        var box = Box(width, height, keepAspect, enlarge, sourceWidth, sourceHeight, limits);
        if (!box.IsSuccess)
        {
            return box.Error;
        }

        try
        {
            var (targetWidth, targetHeight, size) = box.Value;
            var resized = Image.ThumbnailBuffer(data, targetWidth, height: targetHeight, size: size, failOn: Enums.FailOn.Error);
            return new LoadedImage(resized, format, frames);
        }
        catch (VipsException)
        {
            return Error.Validation("The image could not be decoded.");
        }
    }

    /// <summary>Loads <paramref name="data"/> (bounded), optionally resizes it, and encodes it as <paramref name="format"/>.</summary>
    public static Result<byte[]> Convert(byte[] data, ImageFormat format, int? quality = null, int? width = null, int? height = null, ImagingOptions? limits = null)
    {
        if (!ImageEncoder.Supports(format))
        {
            return Error.Validation($"format must be one of {string.Join(", ", ImageEncoder.SupportedNames())}.");
        }

        if (width is null && height is null)
        {
            var loaded = ImageLoader.Load(data, limits, sequential: true);
            if (!loaded.IsSuccess)
            {
                return loaded.Error;
            }

            using var image = loaded.Value;
            return EncodeOrReject(image.Image, format, quality);
        }

        var resized = Resize(data, width, height, keepAspect: true, limits);
        if (!resized.IsSuccess)
        {
            return resized.Error;
        }

        using var result = resized.Value;
        return EncodeOrReject(result.Image, format, quality);
    }

    private static Result<byte[]> EncodeOrReject(Image image, ImageFormat format, int? quality)
    {
        try
        {
            return ImageEncoder.Encode(image, format, quality);
        }
        catch (VipsException)
        {
            // A truncated file fails when its pixels are read, here, not at the header.
            return Error.Validation("The image could not be decoded.");
        }
    }

    /// <summary>The thumbnail box for a request: one side alone keeps the aspect by itself; the output is bounded too.</summary>
    private static Result<(int Width, int Height, Enums.Size Size)> Box(int? width, int? height, bool keepAspect, bool enlarge, int sourceWidth, int sourceHeight, ImagingOptions limits)
    {
        if (width is null && height is null)
        {
            return Error.Validation("width or height is required.");
        }

        if (width is < 1 || width > limits.MaxOutputSide || height is < 1 || height > limits.MaxOutputSide)
        {
            return Error.Validation($"width and height must be between 1 and {limits.MaxOutputSide}.");
        }

        if (!keepAspect)
        {
            return width is { } w && height is { } h
                ? (w, h, enlarge ? Enums.Size.Force : Enums.Size.Down)
                : Error.Validation("width and height are both required when the aspect ratio is not kept.");
        }

        // thumbnail's height defaults to the width: a width alone must not box the height, and a height alone gives
        // the width a bound that never binds. The derived side must stay within the output bound too.
        var targetWidth = width ?? limits.MaxOutputSide;
        var targetHeight = height ?? limits.MaxOutputSide;
        var scale = Math.Min(targetWidth / (double)sourceWidth, targetHeight / (double)sourceHeight);
        if (!enlarge)
        {
            return (targetWidth, targetHeight, Enums.Size.Down);
        }

        if (Math.Round(sourceWidth * scale) > limits.MaxOutputSide || Math.Round(sourceHeight * scale) > limits.MaxOutputSide)
        {
            return Error.Validation($"The result would be larger than {limits.MaxOutputSide} pixels on a side.");
        }

        return (targetWidth, targetHeight, Enums.Size.Both);
    }
}
