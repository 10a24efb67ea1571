using NetVips;
using Tessera.Common;

namespace Tessera.Imaging;

/// <summary>
/// Decodes an untrusted image (PNG, JPEG, GIF — its first frame — or WebP, told apart by content) and stretches it
/// to an exact rectangle of RGBA bytes. Bounds are checked before any pixel is decoded: the file size first, then
/// the dimensions the header declares, so a decompression bomb (a few KB declaring 20000×20000) costs a header read.
/// libvips then streams the image (sequential access) through the resize, never holding the full decoded image.
/// Expected failures are <see cref="Error"/>s with code <c>validation_error</c>; the result is never partial.
/// </summary>
public static class ImageDecoder
{
    /// <summary>What clients may send here: the One Million Pixels doc's formats.</summary>
    private static readonly Func<ImageFormat, bool> ClientFormats =
        static format => format is ImageFormat.Png or ImageFormat.Jpeg or ImageFormat.Gif or ImageFormat.WebP;

    /// <inheritdoc cref="DecodeToRgba(byte[], int, int, ImagingOptions?)"/>
    public static Result<byte[]> DecodeToRgba(ReadOnlySpan<byte> data, int width, int height, ImagingOptions? limits = null) =>
        DecodeToRgba(data.ToArray(), width, height, limits);

    /// <summary>
    /// Decodes <paramref name="data"/> and returns <paramref name="width"/>×<paramref name="height"/>×4 bytes, row-major,
    /// straight (not premultiplied) RGBA, 8 bits per channel; images without alpha come back opaque.
    /// Refused with <c>validation_error</c>: an unsupported or unreadable format, a file over
    /// <see cref="ImagingOptions.MaxBytes"/>, a declared size over <see cref="ImagingOptions.MaxPixels"/>, and a bad
    /// target rectangle.
    /// </summary>
    public static Result<byte[]> DecodeToRgba(byte[] data, int width, int height, ImagingOptions? limits = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        limits ??= ImagingOptions.Default;
        if (width < 1 || height < 1 || width > limits.MaxOutputSide || height > limits.MaxOutputSide)
        {
            return Error.Validation($"width and height must be between 1 and {limits.MaxOutputSide}.");
        }

        return Decode(data, limits, image => ToRgba(image, width, height));
    }

    /// <summary>
    /// Decodes <paramref name="data"/> at its own size, or scaled down (nearest neighbour, keeping the aspect ratio, so
    /// pixel art stays crisp) until its longer side is at most <paramref name="maxSide"/>; RGBA as
    /// <see cref="DecodeToRgba(byte[], int, int, ImagingOptions?)"/> returns it, with the same checks and errors.
    /// </summary>
    public static Result<RgbaImage> DecodeWithin(byte[] data, int maxSide, ImagingOptions? limits = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        limits ??= ImagingOptions.Default;
        if (maxSide < 1 || maxSide > limits.MaxOutputSide)
        {
            return Error.Validation($"maxSide must be between 1 and {limits.MaxOutputSide}.");
        }

        return Decode(data, limits, image =>
        {
            var longSide = Math.Max(image.Width, image.Height);
            if (longSide <= maxSide)
            {
                return new RgbaImage(image.Width, image.Height, ToRgbaBytes(image));
            }

            using var scaled = image.Resize(maxSide / (double)longSide, kernel: Enums.Kernel.Nearest);
            return new RgbaImage(scaled.Width, scaled.Height, ToRgbaBytes(scaled));
        });
    }

    /// <summary>The checks every decode makes (<see cref="ImageLoader"/>'s, one place) and the mapping of libvips' failures.</summary>
    private static Result<T> Decode<T>(byte[] data, ImagingOptions limits, Func<Image, T> convert)
    {
        var opened = ImageLoader.Open(data, limits, ClientFormats, sequential: true);
        if (!opened.IsSuccess)
        {
            return opened.Error;
        }

        using var image = opened.Value.Image;
        try
        {
            return convert(image);
        }
        catch (VipsException)
        {
            return Error.Validation("The image could not be decoded.");
        }
    }

    private static byte[] ToRgba(Image image, int width, int height)
    {
        // Force: stretch to exactly width×height, up or down, ignoring the aspect ratio (DECISIONS: "stretched to the rectangle").
        using var resized = image.ThumbnailImage(width, height: height, size: Enums.Size.Force);
        if (resized.Width != width || resized.Height != height)
        {
            throw new InvalidOperationException($"Resize produced {resized.Width}x{resized.Height}, expected {width}x{height}.");
        }

        return ToRgbaBytes(resized);
    }

    /// <summary>The image's pixels as sRGB RGBA bytes, 8 bits per channel (opaque when it has no alpha).</summary>
    private static byte[] ToRgbaBytes(Image image)
    {
        using var srgb = image.Interpretation == Enums.Interpretation.Srgb ? image.Copy() : image.Colourspace(Enums.Interpretation.Srgb);
        using var rgba = srgb.HasAlpha() ? srgb.Copy() : srgb.Bandjoin(255);
        using var bytes = rgba.Format == Enums.BandFormat.Uchar ? rgba.Copy() : rgba.Cast(Enums.BandFormat.Uchar);
        if (bytes.Bands != 4)
        {
            throw new InvalidOperationException($"Conversion produced {bytes.Bands} bands, expected 4.");
        }

        return bytes.WriteToMemory<byte>();
    }
}
