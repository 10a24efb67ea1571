using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Tessera.Accounts;
using Tessera.Common;
using Tessera.Http;
using Tessera.Media;
using Tessera.Surfaces.Discovery;

namespace Tessera.Surfaces.PixelsOcean;

/// <summary>
/// <c>POST /api/media/{id}/optimize {width, quality, format}</c>: a URL Tessera serves itself (the doc's Cloudinary
/// transformation URL), signed over the exact transform; the copy is made by libvips on its first request and kept.
/// </summary>
public static class OceanOptimizeEndpoints
{
    public static RouteGroupBuilder MapOceanOptimize(this RouteGroupBuilder media)
    {
        media.MapPost("/{id:long}/optimize", OptimizeAsync).WithRequestBody<OptimizeRequest>("application/json")
            .Documented(PixelsOceanSurface.Sections.Media, "Build optimised URL",
                $"An image's optimised copy: `width` (default {MediaTransform.DefaultWidth}, at most {MediaTransform.MaxWidth}; never enlarged), `quality` (auto or 1–100, default auto), `format` (webp, jpg, png, avif where this server's libvips has it; default webp). The URL is signed (it cannot be edited into another transform), made on first request and cached (`Cache-Control: immutable`, ETag).",
                """{"width":800,"quality":"auto","format":"webp"}""",
                """{"success":true,"media_id":42,"url":"https://host/ocean/m/42/.../w800-qauto.webp/photo.webp","width":800,"quality":"auto","format":"webp"}""");
        return media;
    }

    public sealed record OptimizeRequest(int? Width, string? Quality, string? Format);

    public sealed record OptimizeResponse(bool Success, [property: JsonPropertyName("media_id")] long MediaId, string Url, int Width, string Quality, string Format);

    private static async Task<IResult> OptimizeAsync(
        long id, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] JsonElement? body, HttpContext context, MediaLibrary library, CancellationToken ct)
    {
        var json = OceanInput.Object(body);
        if (!json.IsSuccess)
        {
            return new ErrorResult(json.Error);
        }

        var width = Width(json.Value);
        var quality = Text(json.Value, "quality");
        var format = OceanInput.String(json.Value, "format");
        if (!width.IsSuccess || !quality.IsSuccess || !format.IsSuccess)
        {
            return new ErrorResult((!width.IsSuccess ? width.Error : !quality.IsSuccess ? quality.Error : format.Error)!);
        }

        var transform = MediaTransform.From(width.Value, quality.Value, format.Value.Value);
        if (!transform.IsSuccess)
        {
            return new ErrorResult(transform.Error);
        }

        if (await library.GetAsync(TesseraClaims.AccountIdOf(context.User)!, id, ct) is not { } asset)
        {
            return new ErrorResult(MediaErrors.AssetNotFound(id));
        }

        if (asset.Kind != AssetKind.Image)
        {
            return new ErrorResult(MediaErrors.Invalid($"Media {id} is a {asset.Kind}; only images can be optimised."));
        }

        var t = transform.Value;
        return TypedResults.Ok(new OptimizeResponse(
            true, id, OceanMediaFiles.DerivedUrlOf(context, asset, t), t.Width,
            t.Quality?.ToString(CultureInfo.InvariantCulture) ?? "auto", t.Extension));
    }

    private static Result<int?> Width(JsonElement body)
    {
        if (!body.TryGetProperty("width", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return (int?)null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var width)
            ? width
            : Error.Validation("'width' must be a whole number of pixels.");
    }

    /// <summary>A field given as a string or a number (<c>"quality": 80</c> and <c>"quality": "80"</c> alike).</summary>
    private static Result<string?> Text(JsonElement body, string name)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return (string?)null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => Error.Validation($"'{name}' must be auto or a number from 1 to 100."),
        };
    }
}
