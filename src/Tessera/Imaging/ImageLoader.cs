using NetVips;
using Tessera.Common;

namespace Tessera.Imaging;

/// <summary>
/// Loads untrusted bytes into a libvips image, bounded: the file size first, then the format from content
/// (<see cref="ImageSniffer"/>), then the pixels the header declares, so a decompression bomb (a few KB declaring
/// 20000×20000) costs a header read and nothing is decoded. The one place these checks live: <see cref="ImageDecoder"/>
/// and <see cref="ImageTransforms"/> go through it. Failures are <c>validation_error</c>s; libvips' own errors
/// (truncated or corrupt files) become one too.
/// </summary>
public static class ImageLoader
{
    static ImageLoader()
    {
        // Every load is of a new, untrusted buffer: libvips' operation cache would only keep them alive.
        Cache.Max = 0;

        // Refuse libvips' untrusted loaders (ImageMagick, PDF, SVG ...) even if a bug ever routed a buffer to one.
        NetVips.NetVips.BlockUntrusted = true;
    }

    /// <summary>
    /// Loads <paramref name="data"/> (PNG, JPEG, GIF, WebP, AVIF/HEIF, TIFF; the first frame of an animation). With
    /// <paramref name="sequential"/> the pixels stream top to bottom through one pipeline (least memory); otherwise
    /// the image may be read in any order and more than once (libvips decodes it once, within
    /// <see cref="ImagingOptions.MaxPixels"/>).
    /// </summary>
    public static Result<LoadedImage> Load(byte[] data, ImagingOptions? limits = null, bool sequential = false)
    {
        var opened = Open(data, limits ?? ImagingOptions.Default, static _ => true, sequential);
        return opened.IsSuccess ? new LoadedImage(opened.Value.Image, opened.Value.Format, Frames(opened.Value.Image)) : opened.Error;
    }

    /// <summary>
    /// The checks and the header load every path shares. <paramref name="accepts"/> narrows the formats (the One
    /// Million Pixels placements take only PNG, JPEG, GIF and WebP).
    /// </summary>
    internal static Result<(Image Image, ImageFormat Format)> Open(byte[] data, ImagingOptions limits, Func<ImageFormat, bool> accepts, bool sequential)
    {
        ArgumentNullException.ThrowIfNull(data);
        var checkedFormat = Check(data, limits, accepts);
        if (!checkedFormat.IsSuccess)
        {
            return checkedFormat.Error;
        }

        var format = checkedFormat.Value;
        Image? image = null;
        try
        {
            // Loading only reads the header; pixels are decoded when a pipeline is evaluated.
            image = LoadHeader(data, format, sequential);
            if (image is null)
            {
                return Error.Validation($"{format} images are not supported here.");
            }

            var declared = CheckDeclared(image.Width, image.Height, limits);
            if (!declared.IsSuccess)
            {
                image.Dispose();
                return declared.Error;
            }

            return (image, format);
        }
        catch (VipsException)
        {
            image?.Dispose();
            return Error.Validation("The image could not be decoded.");
        }
    }

    /// <summary>The checks before libvips sees the bytes: the size and the format from content.</summary>
    internal static Result<ImageFormat> Check(byte[] data, ImagingOptions limits, Func<ImageFormat, bool> accepts)
    {
        if (data.LongLength > limits.MaxBytes)
        {
            return Error.Validation($"The image is larger than {limits.MaxBytes} bytes.");
        }

        var format = ImageSniffer.Sniff(data);
        return format == ImageFormat.Unknown || !accepts(format)
            ? Error.Validation("unsupported image type: expected PNG, JPEG, GIF or WebP" + (accepts(ImageFormat.Avif) ? ", AVIF, HEIF or TIFF." : "."))
            : format;
    }

    /// <summary>The declared-pixel bound, checked on the header before decoding.</summary>
    internal static Result<bool> CheckDeclared(int width, int height, ImagingOptions limits) =>
        (long)width * height > limits.MaxPixels
            ? Error.Validation($"The image is {width}x{height}, more than {limits.MaxPixels} pixels.")
            : true;

    private static Image? LoadHeader(byte[] data, ImageFormat format, bool sequential)
    {
        var access = sequential ? Enums.Access.Sequential : Enums.Access.Random;
        return format switch
        {
            ImageFormat.Png => Image.PngloadBuffer(data, access: access, failOn: Enums.FailOn.Error),
            ImageFormat.Jpeg => Image.JpegloadBuffer(data, access: access, failOn: Enums.FailOn.Error),
            ImageFormat.Gif => Image.GifloadBuffer(data, access: access, failOn: Enums.FailOn.Error),
            ImageFormat.WebP => Image.WebploadBuffer(data, access: access, failOn: Enums.FailOn.Error),
            ImageFormat.Avif or ImageFormat.Heif when Supported("heifload_buffer") => Image.HeifloadBuffer(data, access: access, failOn: Enums.FailOn.Error),
            ImageFormat.Tiff when Supported("tiffload_buffer") => Image.TiffloadBuffer(data, access: access, failOn: Enums.FailOn.Error),

            // BMP has no loader in libvips itself (only through ImageMagick, which is blocked as untrusted).
            _ => null,
        };
    }

    /// <summary>Whether this libvips build has the named operation (NetVips.Native ships heif and tiff; a system build may not).</summary>
    internal static bool Supported(string operation) => Operations.GetOrAdd(operation, static name => NetVips.NetVips.TypeFind("VipsOperation", name) != IntPtr.Zero);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> Operations = new(StringComparer.Ordinal);

    private static int Frames(Image image) =>
        image.Contains("n-pages") && image.Get("n-pages") is int pages && pages > 0 ? pages : 1;
}
