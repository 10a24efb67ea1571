using NetVips;
using Tessera.Common;

namespace Tessera.Imaging;

/// <summary>
/// Raw pixels for a model: an untrusted file decoded (through <see cref="ImageLoader"/>'s bounds), turned upright,
/// stretched to exactly width×height (detectors such as CenterNet are fed a square whatever the photo's shape),
/// flattened on white, as 8-bit sRGB, three bytes per pixel, row by row. The model's process gets these bytes and never
/// the file, so no decoder of untrusted formats runs outside libvips.
/// </summary>
public static class RgbPixels
{
    public static Result<byte[]> Stretched(byte[] data, int width, int height, ImagingOptions limits)
    {
        var resized = ImageTransforms.Resize(data, width, height, keepAspect: false, limits);
        if (!resized.IsSuccess)
        {
            return resized.Error;
        }

        try
        {
            using var loaded = resized.Value;
            using var srgb = loaded.Image.Interpretation == Enums.Interpretation.Srgb ? loaded.Image.Copy() : loaded.Image.Colourspace(Enums.Interpretation.Srgb);
            using var eight = srgb.Format == Enums.BandFormat.Uchar ? srgb.Copy() : srgb.Cast(Enums.BandFormat.Uchar);
            using var opaque = eight.HasAlpha() ? eight.Flatten(background: [255.0, 255.0, 255.0]) : eight.Copy();
            using var rgb = opaque.Bands >= 3 ? opaque.ExtractBand(0, n: 3) : opaque.Bandjoin(opaque, opaque);
            using var exact = rgb.Width == width && rgb.Height == height ? rgb.Copy() : rgb.Resize((double)width / rgb.Width, vscale: (double)height / rgb.Height);
            using var bytes = exact.Format == Enums.BandFormat.Uchar ? exact.Copy() : exact.Cast(Enums.BandFormat.Uchar);
            var pixels = bytes.WriteToMemory<byte>();
            return pixels.Length == width * height * 3
                ? pixels
                : Error.Validation($"The image did not become {width}×{height} RGB pixels.");
        }
        catch (VipsException)
        {
            return Error.Validation("The image could not be decoded: the file is damaged or truncated.");
        }
    }

    /// <summary>A JPEG no larger than <paramref name="maxSide"/> on its long side (the form HTTP vision engines are sent).</summary>
    public static Result<byte[]> Jpeg(byte[] data, int maxSide, ImagingOptions limits)
    {
        var resized = ImageTransforms.Resize(data, maxSide, maxSide, keepAspect: true, limits, enlarge: false);
        if (!resized.IsSuccess)
        {
            return resized.Error;
        }

        try
        {
            using var loaded = resized.Value;
            return ImageEncoder.Encode(loaded.Image, ImageFormat.Jpeg, 85);
        }
        catch (VipsException)
        {
            return Error.Validation("The image could not be decoded: the file is damaged or truncated.");
        }
    }
}
