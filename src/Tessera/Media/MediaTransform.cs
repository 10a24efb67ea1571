using System.Globalization;
using Tessera.Common;
using Tessera.Imaging;

namespace Tessera.Media;

/// <summary>
/// One optimised copy an asset can be served as: a width (never enlarged past the original), a quality (<c>auto</c> or
/// 1–100) and a format. Its text form, <c>w800-qauto.webp</c>, is the URL segment the signature covers, so a URL cannot
/// be edited into another transform.
/// </summary>
public sealed record MediaTransform(int Width, int? Quality, ImageFormat Format)
{
    public const int DefaultWidth = 1200;
    public const int MaxWidth = 4096;

    public string Extension => Format == ImageFormat.Jpeg ? "jpg" : Format.ToString().ToLowerInvariant();

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"w{Width}-q{(Quality is { } q ? q.ToString(CultureInfo.InvariantCulture) : "auto")}.{Extension}");

    /// <summary>From the optimize route's fields; defaults: width 1200, quality auto, format webp.</summary>
    public static Result<MediaTransform> From(int? width, string? quality, string? format)
    {
        var w = width ?? DefaultWidth;
        if (w is < 1 or > MaxWidth)
        {
            return MediaErrors.Invalid($"'width' must be from 1 to {MaxWidth} pixels.");
        }

        int? q = null;
        if (!string.IsNullOrWhiteSpace(quality) && !quality.Trim().Equals("auto", StringComparison.OrdinalIgnoreCase))
        {
            if (!int.TryParse(quality, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) || parsed is < 1 or > 100)
            {
                return MediaErrors.Invalid("'quality' must be auto or a whole number from 1 to 100.");
            }

            q = parsed;
        }

        var f = string.IsNullOrWhiteSpace(format) ? ImageFormat.WebP : ImageEncoder.ParseFormat(format);
        if (f is not (ImageFormat.WebP or ImageFormat.Jpeg or ImageFormat.Png or ImageFormat.Avif) || !ImageEncoder.Supports(f))
        {
            var names = string.Join(", ", ImageEncoder.SupportedNames().Where(n => n != "gif").Select(n => n == "jpeg" ? "jpg" : n));
            return MediaErrors.Invalid($"'format' must be one of {names}.");
        }

        return new MediaTransform(w, q, f);
    }

    /// <summary>Parses the URL segment back; null when it is not one this server would have signed.</summary>
    public static MediaTransform? Parse(string text)
    {
        var dot = text.LastIndexOf('.');
        var dash = text.IndexOf("-q", StringComparison.Ordinal);
        if (!text.StartsWith('w') || dot < 0 || dash < 0 || dash > dot
            || !int.TryParse(text.AsSpan(1, dash - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var width))
        {
            return null;
        }

        var quality = text[(dash + 2)..dot];
        var parsed = From(width, quality, text[(dot + 1)..]);
        return parsed.IsSuccess && parsed.Value.ToString() == text ? parsed.Value : null;
    }
}
