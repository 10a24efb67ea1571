using NetVips;
using Tessera.Common;

namespace Tessera.Imaging;

/// <summary>Composites a watermark image onto a base image (over, with the watermark's own alpha times the opacity).</summary>
public static class Watermark
{
    public const int DefaultOpacity = 30;

    /// <summary>The doc's names: center, top-left, top-right, bottom-left, bottom-right (any case).</summary>
    public static readonly IReadOnlyList<string> PositionNames = ["center", "top-left", "top-right", "bottom-left", "bottom-right"];

    public static bool TryParsePosition(string? name, out WatermarkPosition position)
    {
        var index = name is null ? -1 : PositionNames.ToList().FindIndex(candidate => string.Equals(candidate, name.Trim(), StringComparison.OrdinalIgnoreCase));
        position = index < 0 ? WatermarkPosition.Center : (WatermarkPosition)index;
        return index >= 0;
    }

    public static string NameOf(WatermarkPosition position) => PositionNames[(int)position];

    /// <summary>The checks on <paramref name="options"/>, as <c>validation_error</c>s naming the field.</summary>
    public static Error? Validate(WatermarkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Opacity is < 0 or > 100)
        {
            return Error.Validation("opacity must be between 0 and 100.");
        }

        if (!(options.Scale > 0 && options.Scale <= 1))
        {
            return Error.Validation("scale must be greater than 0 and at most 1.");
        }

        return options.Margin is < 0 ? Error.Validation("margin must not be negative.") : null;
    }

    /// <summary>
    /// <paramref name="baseImage"/> with <paramref name="mark"/> laid over it: 8-bit sRGB, the base's size, with an
    /// alpha band only when the base has one.
    /// </summary>
    public static Image Apply(Image baseImage, Image mark, WatermarkOptions options)
    {
        ArgumentNullException.ThrowIfNull(baseImage);
        ArgumentNullException.ThrowIfNull(mark);
        if (Validate(options) is { } invalid)
        {
            throw new ArgumentException(invalid.Message, nameof(options));
        }

        using var background = Srgb8(baseImage);
        var margin = options.Margin ?? (int)Math.Round(background.Width * 0.02);
        margin = Math.Clamp(margin, 0, Math.Min(background.Width, background.Height) / 4);

        // The mark's width is Scale × the base's, shrunk further if it would not fit between the margins.
        var width = Math.Max(1, (int)Math.Round(background.Width * options.Scale));
        var room = (Width: Math.Max(1, background.Width - (2 * margin)), Height: Math.Max(1, background.Height - (2 * margin)));
        var factor = Math.Min(Math.Min(width, room.Width) / (double)mark.Width, room.Height / (double)mark.Height);
        using var scaled = mark.Resize(factor, kernel: Enums.Kernel.Lanczos3);
        using var srgbMark = Srgb8(scaled);
        using var withAlpha = srgbMark.HasAlpha() ? srgbMark.Copy() : srgbMark.Bandjoin(255);
        using var colour = withAlpha.ExtractBand(0, n: withAlpha.Bands - 1);
        using var alpha = withAlpha.ExtractBand(withAlpha.Bands - 1);
        using var faded = alpha.Linear([options.Opacity / 100.0], [0.0]);
        using var fadedByte = faded.Cast(Enums.BandFormat.Uchar);
        using var overlay = colour.Bandjoin(fadedByte);

        var (x, y) = Place(options.Position, background.Width, background.Height, overlay.Width, overlay.Height, margin);
        using var composed = background.Composite2(overlay, Enums.BlendMode.Over, x: x, y: y);
        using var bytes = composed.Cast(Enums.BandFormat.Uchar);
        return background.HasAlpha() ? bytes.Copy(interpretation: Enums.Interpretation.Srgb) : bytes.ExtractBand(0, n: 3).Copy(interpretation: Enums.Interpretation.Srgb);
    }

    /// <summary>
    /// Loads both untrusted images (bounded by <see cref="ImageLoader"/>), lays the watermark and encodes the result as
    /// <paramref name="format"/> (by default the base's own format when Imaging writes it, else PNG).
    /// </summary>
    public static Result<byte[]> Apply(byte[] baseImage, byte[] mark, WatermarkOptions options, ImageFormat? format = null, int? quality = null, ImagingOptions? limits = null)
    {
        if (Validate(options) is { } invalid)
        {
            return invalid;
        }

        var loadedBase = ImageLoader.Load(baseImage, limits);
        if (!loadedBase.IsSuccess)
        {
            return Error.Validation($"image: {loadedBase.Error.Message}");
        }

        using var background = loadedBase.Value;
        var loadedMark = ImageLoader.Load(mark, limits);
        if (!loadedMark.IsSuccess)
        {
            return Error.Validation($"watermark: {loadedMark.Error.Message}");
        }

        using var overlay = loadedMark.Value;
        var output = format ?? (ImageEncoder.Supports(background.Format) ? background.Format : ImageFormat.Png);
        try
        {
            using var result = Apply(background.Image, overlay.Image, options);
            return ImageEncoder.Encode(result, output, quality);
        }
        catch (VipsException)
        {
            return Error.Validation("The image could not be decoded.");
        }
    }

    private static (int X, int Y) Place(WatermarkPosition position, int width, int height, int markWidth, int markHeight, int margin) => position switch
    {
        WatermarkPosition.TopLeft => (margin, margin),
        WatermarkPosition.TopRight => (width - markWidth - margin, margin),
        WatermarkPosition.BottomLeft => (margin, height - markHeight - margin),
        WatermarkPosition.BottomRight => (width - markWidth - margin, height - markHeight - margin),
        _ => ((width - markWidth) / 2, (height - markHeight) / 2),
    };

    private static Image Srgb8(Image image)
    {
        using var srgb = image.Interpretation == Enums.Interpretation.Srgb ? image.Copy() : image.Colourspace(Enums.Interpretation.Srgb);
        return srgb.Format == Enums.BandFormat.Uchar ? srgb.Copy() : srgb.Cast(Enums.BandFormat.Uchar);
    }
}
