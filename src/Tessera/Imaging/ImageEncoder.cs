using System.Collections.Concurrent;
using NetVips;
using Tessera.Common;

namespace Tessera.Imaging;

/// <summary>
/// Encodes libvips images and RGBA buffers: PNG, JPEG, WebP, GIF and AVIF (where this libvips has an AV1 encoder,
/// <see cref="Supports"/>), with a quality of 1–100 or <c>null</c> for auto; plus the local engines' fast PNG stills and
/// animated GIF/WebP. Nothing of the source's metadata (EXIF, GPS, ICC comments) is written.
/// </summary>
public static class ImageEncoder
{
    /// <summary>
    /// zlib level 1 with the "sub" row filter, for <see cref="Png(byte[], int, int, bool)"/>. Measured on the 11
    /// benchmark pictures at 1024×1024 (bench <c>engines</c>, one core of a loaded machine): ~13 ms per image at 1/sub,
    /// ~18 ms at 1/none, ~80 ms at 6/sub, ~190 ms at 6/all (adaptive filtering). The files are about twice as large as
    /// level 6's (~340 KB against ~170 KB). A job's outputs are downloaded once and expire after 24 hours, so the
    /// worker's CPU time matters more than the bytes. "sub" subtracts one byte per sample and turns the gradients and
    /// flat runs into zeros that deflate quickly.
    /// </summary>
    private const int FastPngCompression = 1;

    /// <summary>Served files (placements, derivatives) are encoded once and downloaded many times: zlib's default level.</summary>
    private const int ServedPngCompression = 6;

    /// <summary>
    /// "Auto" quality per format: about where each codec's files stop looking different from the source at normal
    /// viewing (JPEG 80, WebP 75 and AVIF 50 are libvips'/libwebp's/libavif's own defaults or close to them).
    /// </summary>
    public static int AutoQuality(ImageFormat format) => format switch
    {
        ImageFormat.Jpeg => 80,
        ImageFormat.WebP => 75,
        ImageFormat.Avif => 50,
        _ => 100,
    };

    private static readonly ConcurrentDictionary<ImageFormat, bool> Supported = new();

    /// <summary>Whether <see cref="Encode(Image, ImageFormat, int?)"/> can write <paramref name="format"/> with this libvips.</summary>
    public static bool Supports(ImageFormat format) => format switch
    {
        ImageFormat.Png or ImageFormat.Jpeg or ImageFormat.WebP or ImageFormat.Gif => true,

        // AVIF needs libheif with an AV1 encoder, which a libvips build may lack: found out once by encoding a pixel.
        ImageFormat.Avif => Supported.GetOrAdd(format, static _ => TryEncodeAvif()),
        _ => false,
    };

    /// <summary>The format an output name asks for (<c>png</c>, <c>jpg</c>/<c>jpeg</c>, <c>webp</c>, <c>gif</c>, <c>avif</c>), case-insensitive.</summary>
    public static ImageFormat ParseFormat(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "png" => ImageFormat.Png,
        "jpg" or "jpeg" => ImageFormat.Jpeg,
        "webp" => ImageFormat.WebP,
        "gif" => ImageFormat.Gif,
        "avif" => ImageFormat.Avif,
        _ => ImageFormat.Unknown,
    };

    /// <summary>The content type of an encoded <paramref name="format"/>.</summary>
    public static string ContentType(ImageFormat format) => format switch
    {
        ImageFormat.Png => "image/png",
        ImageFormat.Jpeg => "image/jpeg",
        ImageFormat.WebP => "image/webp",
        ImageFormat.Gif => "image/gif",
        ImageFormat.Avif => "image/avif",
        ImageFormat.Heif => "image/heif",
        ImageFormat.Bmp => "image/bmp",
        ImageFormat.Tiff => "image/tiff",
        _ => "application/octet-stream",
    };

    /// <summary>
    /// Encodes <paramref name="image"/> as <paramref name="format"/>. <paramref name="quality"/> 1–100 sets the lossy
    /// codecs' quality (ignored by PNG and GIF); null means <see cref="AutoQuality"/>. A format this libvips cannot
    /// write or a quality out of range is a <c>validation_error</c>.
    /// </summary>
    public static Result<byte[]> Encode(Image image, ImageFormat format, int? quality = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (!Supports(format))
        {
            return Error.Validation($"format must be one of {string.Join(", ", SupportedNames())}.");
        }

        if (quality is < 1 or > 100)
        {
            return Error.Validation("quality must be between 1 and 100, or auto.");
        }

        var q = quality ?? AutoQuality(format);
        using var ready = Prepare(image, format);
        return format switch
        {
            ImageFormat.Png => ready.PngsaveBuffer(compression: ServedPngCompression, keep: Enums.ForeignKeep.None),
            ImageFormat.Jpeg => ready.JpegsaveBuffer(q: q, optimizeCoding: true, keep: Enums.ForeignKeep.None),
            ImageFormat.WebP => ready.WebpsaveBuffer(q: q, keep: Enums.ForeignKeep.None),
            ImageFormat.Gif => ready.GifsaveBuffer(keep: Enums.ForeignKeep.None),
            ImageFormat.Avif => ready.HeifsaveBuffer(q: q, compression: Enums.ForeignHeifCompression.Av1, effort: 2, keep: Enums.ForeignKeep.None),
            _ => throw new ArgumentOutOfRangeException(nameof(format)),
        };
    }

    /// <summary>Encodes <paramref name="width"/>×<paramref name="height"/> straight RGBA pixels as <see cref="Encode(Image, ImageFormat, int?)"/> does.</summary>
    public static Result<byte[]> Encode(byte[] rgba, int width, int height, ImageFormat format, int? quality = null)
    {
        using var image = Wrap(rgba, width, height);
        return Encode(image, format, quality);
    }

    /// <summary>The names of the formats this libvips writes, for error messages and discovery.</summary>
    public static IEnumerable<string> SupportedNames() =>
        new[] { ImageFormat.WebP, ImageFormat.Jpeg, ImageFormat.Png, ImageFormat.Avif, ImageFormat.Gif }
            .Where(Supports).Select(format => format.ToString().ToLowerInvariant());

    /// <summary>
    /// Encodes <paramref name="width"/>×<paramref name="height"/> RGBA pixels from the start of <paramref name="rgba"/>
    /// (it may be a longer pooled array) as fast as PNG goes (<see cref="FastPngCompression"/>). With
    /// <paramref name="opaque"/> the alpha channel is dropped (a quarter less to compress); otherwise it is kept.
    /// </summary>
    public static byte[] Png(byte[] rgba, int width, int height, bool opaque)
    {
        using var image = Wrap(rgba, width, height);
        using var bands = opaque ? image.ExtractBand(0, n: 3) : image.Copy();
        return bands.PngsaveBuffer(compression: FastPngCompression, filter: Enums.ForeignPngFilter.Sub, keep: Enums.ForeignKeep.None);
    }

    /// <summary>
    /// Encodes frames stacked vertically in <paramref name="rgba"/> (each <paramref name="width"/>×<paramref name="frameHeight"/>)
    /// as a looping animation: GIF (transparency as GIF keeps it: on or off per pixel) or lossless WebP.
    /// </summary>
    public static byte[] Animation(byte[] rgba, int width, int frameHeight, int frames, int delayMs, bool webp)
    {
        using var stacked = Wrap(rgba, width, frameHeight * frames);
        using var animated = stacked.Mutate(image =>
        {
            image.Set(GValue.GIntType, "page-height", frameHeight);
            image.Set(GValue.ArrayIntType, "delay", Enumerable.Repeat(delayMs, frames).ToArray());
            image.Set(GValue.GIntType, "loop", 0);
        });
        return webp
            ? animated.WebpsaveBuffer(lossless: true, effort: 2, keep: Enums.ForeignKeep.None)
            : animated.GifsaveBuffer(effort: 4, dither: 0, keep: Enums.ForeignKeep.None);
    }

    /// <summary>Wraps RGBA bytes as an sRGB image without copying: the array is pinned for the image's life.</summary>
    public static Image Wrap(byte[] rgba, int width, int height)
    {
        using var raw = Image.NewFromMemory(rgba, width, height, 4, Enums.BandFormat.Uchar);
        return raw.Copy(interpretation: Enums.Interpretation.Srgb);
    }

    /// <summary>8-bit sRGB (or grey), without alpha for JPEG (flattened on white: JPEG has no transparency).</summary>
    private static Image Prepare(Image image, ImageFormat format)
    {
        using var srgb = image.Interpretation is Enums.Interpretation.Srgb or Enums.Interpretation.Bw
            ? image.Copy()
            : image.Colourspace(Enums.Interpretation.Srgb);
        using var eight = srgb.Format == Enums.BandFormat.Uchar ? srgb.Copy() : srgb.Cast(Enums.BandFormat.Uchar);
        return format == ImageFormat.Jpeg && eight.HasAlpha()
            ? eight.Flatten(background: [255.0])
            : eight.Copy();
    }

    private static bool TryEncodeAvif()
    {
        try
        {
            using var pixel = Image.Black(8, 8, bands: 3);
            using var srgb = pixel.Copy(interpretation: Enums.Interpretation.Srgb);
            using var bytes = srgb.Cast(Enums.BandFormat.Uchar);
            return bytes.HeifsaveBuffer(compression: Enums.ForeignHeifCompression.Av1, effort: 0).Length > 0;
        }
        catch (VipsException)
        {
            return false;
        }
    }
}
