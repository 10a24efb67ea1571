using Tessera.Canvas.Pixels;
using Tessera.Common;

namespace Tessera.Surfaces.OneMillionPixels;

/// <summary>A pixel as the doc's POST /api/pixels takes it.</summary>
public sealed record PixelInput(int? X, int? Y, string? Color, string? Url);

/// <summary>
/// Single (<c>{x, y, color?, url?}</c>) or bulk (<c>{pixels: [...]}</c>, at most 1000). A link's length cap is the Canvas
/// module's (<c>Tessera:Canvas:Pixels:MaxLinkBytes</c>), checked by the store for every way of writing.
/// </summary>
public sealed record PixelWriteRequest(int? X, int? Y, string? Color, string? Url, List<PixelInput>? Pixels)
{
    public const int MaxBulk = 1000;

    /// <summary>
    /// The pixels to write on a <paramref name="width"/>×<paramref name="height"/> canvas (the configured one), or the
    /// first reason the request is refused (nothing is written then).
    /// </summary>
    public Result<List<PixelChange>> ToChanges(int width, int height)
    {
        if (Pixels is not null)
        {
            if (X is not null || Y is not null)
            {
                return Error.Validation("Send either a single pixel {x, y, ...} or {pixels: [...]}, not both.");
            }

            if (Pixels.Count is 0 or > MaxBulk)
            {
                return Error.Validation($"pixels must hold 1 to {MaxBulk} pixels.");
            }

            var changes = new List<PixelChange>(Pixels.Count);
            for (var i = 0; i < Pixels.Count; i++)
            {
                var pixel = Pixels[i];
                if (pixel is null)
                {
                    return Error.Validation($"pixels[{i}] is null.");
                }

                var change = ToChange(pixel.X, pixel.Y, pixel.Color, pixel.Url, width, height, $"pixels[{i}].");
                if (!change.IsSuccess)
                {
                    return change.Error;
                }

                changes.Add(change.Value);
            }

            return changes;
        }

        var single = ToChange(X, Y, Color, Url, width, height, "");
        return single.IsSuccess ? new List<PixelChange> { single.Value } : single.Error;
    }

    private static Result<PixelChange> ToChange(int? x, int? y, string? color, string? url, int width, int height, string where)
    {
        if (x is null || y is null)
        {
            return Error.Validation($"{where}x and {where}y are required.");
        }

        if (x < 0 || x >= width || y < 0 || y >= height)
        {
            return Error.Validation($"{where}x must be between 0 and {width - 1} and {where}y between 0 and {height - 1}.");
        }

        uint? parsed = null;
        if (color is not null)
        {
            if (!PixelColor.TryParse(color, out var value))
            {
                return Error.Validation($"{where}color must be a hex colour like \"#FF0000\" or \"#F00\".");
            }

            parsed = value;
        }

        if (url is not null && !IsHttpsUrl(url))
        {
            return Error.Validation($"{where}url must be an absolute https URL without spaces.");
        }

        if (parsed is null && url is null)
        {
            return Error.Validation($"{where}: set color, url or both.");
        }

        return new PixelChange(x.Value, y.Value, parsed, url);
    }

    public static bool IsHttpsUrl(string url) => HttpsUrl.IsValid(url);
}
