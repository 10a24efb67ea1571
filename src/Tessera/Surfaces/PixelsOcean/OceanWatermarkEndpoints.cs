using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Tessera.Accounts;
using Tessera.Common;
using Tessera.Http;
using Tessera.Imaging;
using Tessera.Media;
using Tessera.RateLimits;
using Tessera.Surfaces.Discovery;

namespace Tessera.Surfaces.PixelsOcean;

/// <summary>
/// <c>GET|POST /api/watermark</c> (seed: "Apply a watermark to any image"): <c>image</c> and <c>watermark</c> URLs (query
/// string on GET, JSON body on POST), <c>position</c>, <c>opacity</c> → the result kept in the caller's library and its
/// signed URL (<see cref="MediaWatermarks"/>). A route that does work: it counts against the daily quota.
/// </summary>
public static class OceanWatermarkEndpoints
{
    private const int MaxUrlLength = 2048;

    public static RouteGroupBuilder MapOceanWatermark(this RouteGroupBuilder api)
    {
        var watermark = api.MapGroup("/watermark").RequireKey(Scopes.Media).RequireRateLimit(PixelsOceanSurface.Policies.Work);
        var description =
            $"`image` and `watermark`: http(s) URLs Tessera fetches (public addresses only, each at most the upload size); `position` ({string.Join(" | ", Watermark.PositionNames)}, default center); `opacity` 0–100 (default {Watermark.DefaultOpacity}). The mark is scaled to a quarter of the image's width. The result is kept in your library (group `{MediaWatermarks.Group}`, `media_id`) in the image's format; `url` is its signed file URL. Counts against the daily quota.";
        watermark.MapGet("", GetAsync)
            .Documented(PixelsOceanSurface.Sections.Watermark, "Apply a watermark (query string)", description,
                response: """{"success":true,"url":"https://host/ocean/m/43/.../watermarked_photo.jpeg","position":"bottom-right","opacity":50,"media_id":43}""");
        watermark.MapPost("", PostAsync).WithRequestBody<WatermarkBody>("application/json")
            .Documented(PixelsOceanSurface.Sections.Watermark, "Apply a watermark", description,
                """{"image":"https://example.com/photo.jpg","watermark":"https://example.com/logo.png","position":"bottom-right","opacity":50}""",
                """{"success":true,"url":"https://host/ocean/m/43/.../watermarked_photo.jpeg","position":"bottom-right","opacity":50,"media_id":43}""");
        return api;
    }

    public sealed record WatermarkBody(string Image, string Watermark, string? Position, int? Opacity);

    public sealed record WatermarkResponse(bool Success, string Url, string Position, int Opacity, [property: JsonPropertyName("media_id")] long MediaId);

    private static Task<IResult> GetAsync(string? image, string? watermark, string? position, string? opacity, HttpContext context, MediaWatermarks watermarks, CancellationToken ct)
    {
        var level = OceanInput.Int(opacity, "opacity", Watermark.DefaultOpacity, 0, 100);
        return level.IsSuccess
            ? ApplyAsync(image, watermark, position, level.Value, context, watermarks, ct)
            : Task.FromResult<IResult>(new ErrorResult(level.Error));
    }

    private static async Task<IResult> PostAsync(
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] JsonElement? body, HttpContext context, MediaWatermarks watermarks, CancellationToken ct)
    {
        var json = OceanInput.Object(body);
        var image = json.IsSuccess ? OceanInput.String(json.Value, "image") : json.Error;
        var mark = json.IsSuccess ? OceanInput.String(json.Value, "watermark") : json.Error;
        var position = json.IsSuccess ? OceanInput.String(json.Value, "position") : json.Error;
        var opacity = json.IsSuccess ? OceanInput.IntField(json.Value, "opacity", Watermark.DefaultOpacity, 0, 100) : json.Error;
        if (!image.IsSuccess || !mark.IsSuccess || !position.IsSuccess || !opacity.IsSuccess)
        {
            return new ErrorResult((!image.IsSuccess ? image.Error : !mark.IsSuccess ? mark.Error : !position.IsSuccess ? position.Error : opacity.Error)!);
        }

        return await ApplyAsync(image.Value.Value, mark.Value.Value, position.Value.Value, opacity.Value, context, watermarks, ct);
    }

    private static async Task<IResult> ApplyAsync(
        string? image, string? mark, string? position, int opacity, HttpContext context, MediaWatermarks watermarks, CancellationToken ct)
    {
        foreach (var (name, url) in new[] { ("image", image), ("watermark", mark) })
        {
            if (string.IsNullOrWhiteSpace(url))
            {
                return new ErrorResult(Error.Validation($"'{name}' is required: the URL of the {(name == "image" ? "source image" : "watermark image")}."));
            }

            if (url.Length > MaxUrlLength)
            {
                return new ErrorResult(Error.Validation($"'{name}' must be a URL of at most {MaxUrlLength} characters."));
            }
        }

        var placed = WatermarkPosition.Center;
        if (!string.IsNullOrWhiteSpace(position) && !Watermark.TryParsePosition(position, out placed))
        {
            return new ErrorResult(Error.Validation($"'position' must be one of {string.Join(", ", Watermark.PositionNames)}."));
        }

        var options = new WatermarkOptions(placed, opacity);
        var made = await watermarks.ApplyAsync(TesseraClaims.AccountIdOf(context.User)!, new WatermarkRequest(image!.Trim(), mark!.Trim(), options), ct);
        return made.IsSuccess
            ? TypedResults.Ok(new WatermarkResponse(true, OceanMediaFiles.UrlOf(context, made.Value), Watermark.NameOf(placed), opacity, made.Value.Id))
            : new ErrorResult(made.Error);
    }
}
