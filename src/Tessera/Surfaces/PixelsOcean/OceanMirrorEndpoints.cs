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
/// <c>POST /api/media/mirror {media_id, mirror_url}</c>: records where else the asset lives (a CDN copy, a backup); the
/// URL is stored as given (https, at most 2,048 characters) and shown as <c>mirror_url</c>; Tessera does not fetch it.
/// </summary>
public static class OceanMirrorEndpoints
{
    private const int MaxUrlLength = 2048;

    public static RouteGroupBuilder MapOceanMirror(this RouteGroupBuilder media)
    {
        media.MapPost("/mirror", MirrorAsync).WithRequestBody<MirrorRequest>("application/json")
            .Documented(PixelsOceanSurface.Sections.Media, "Register mirror URL",
                "`media_id` (yours) and `mirror_url` (https): where a copy of the asset lives; shown as `mirror_url` on the asset. Not fetched.",
                """{"media_id":42,"mirror_url":"https://cdn.example.com/photo.jpg"}""",
                """{"success":true,"media_id":42,"mirror_url":"https://cdn.example.com/photo.jpg"}""");
        return media;
    }

    public sealed record MirrorRequest([property: JsonPropertyName("media_id")] long MediaId, [property: JsonPropertyName("mirror_url")] string MirrorUrl);

    public sealed record MirrorResponse(bool Success, [property: JsonPropertyName("media_id")] long MediaId, [property: JsonPropertyName("mirror_url")] string? MirrorUrl);

    private static async Task<IResult> MirrorAsync(
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] JsonElement? body, HttpContext context, MediaLibrary library, CancellationToken ct)
    {
        var json = OceanInput.Object(body);
        var id = json.IsSuccess ? OceanInput.OptionalId(json.Value, "media_id") : json.Error;
        var url = json.IsSuccess ? OceanInput.String(json.Value, "mirror_url") : json.Error;
        if (!id.IsSuccess || !url.IsSuccess)
        {
            return new ErrorResult((!id.IsSuccess ? id.Error : url.Error)!);
        }

        if (id.Value.Value is not { } mediaId)
        {
            return new ErrorResult(Error.Validation("'media_id' is required."));
        }

        if (url.Value.Value is not { Length: > 0 and <= MaxUrlLength } mirror || !HttpsUrl.IsValid(mirror))
        {
            return new ErrorResult(Error.Validation($"'mirror_url' must be an https URL of at most {MaxUrlLength} characters."));
        }

        var updated = await library.UpdateAsync(TesseraClaims.AccountIdOf(context.User)!, mediaId, new MediaChange(MirrorUrl: mirror), ct);
        return updated.IsSuccess
            ? TypedResults.Ok(new MirrorResponse(true, mediaId, updated.Value.MirrorUrl))
            : new ErrorResult(updated.Error);
    }
}
