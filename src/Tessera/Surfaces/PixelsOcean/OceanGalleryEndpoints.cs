using System.Text.Json.Serialization;
using Tessera.Http;
using Tessera.Media;
using Tessera.RateLimits;
using Tessera.Surfaces.Discovery;

namespace Tessera.Surfaces.PixelsOcean;

/// <summary>
/// <c>GET /api/gallery/{token}</c>: a shared collection as anyone with its link sees it (no key), limited per IP so a
/// password cannot be guessed at speed. The password travels in the <c>X-Gallery-Password</c> header, never in a URL
/// (URLs end up in logs and histories). Only what a gallery shows is returned: names, types, sizes and file URLs.
/// </summary>
public static class OceanGalleryEndpoints
{
    public const string PasswordHeader = "X-Gallery-Password";

    public static RouteGroupBuilder MapOceanGallery(this RouteGroupBuilder api)
    {
        api.MapGet("/gallery/{token}", OpenAsync).AllowAnonymous().RequireRateLimit(PixelsOceanSurface.Policies.Gallery)
            .Documented(PixelsOceanSurface.Sections.Collections, "Open a shared gallery",
                $"No key. The collection a share link names, with its items' file URLs. A password-protected gallery answers 401 `password_required` until the `{PasswordHeader}` header carries its password.",
                response: """{"success":true,"gallery":{"name":"Best of 2026","description":null,"count":1},"items":[{"id":42,"name":"Beach","filename":"beach.jpg","url":"https://host/ocean/m/42/.../beach.jpg","type":"image","content_type":"image/jpeg","size":1048576,"width":1920,"height":1080}]}""");
        return api;
    }

    public sealed record GalleryInfo(string Name, string? Description, long Count);

    public sealed record GalleryItem(
        long Id, string Name, string Filename, string Url, string Type, [property: JsonPropertyName("content_type")] string ContentType, long Size, int? Width, int? Height);

    public sealed record GalleryResponse(bool Success, GalleryInfo Gallery, IReadOnlyList<GalleryItem> Items);

    private static async Task<IResult> OpenAsync(string token, HttpContext context, MediaShares shares, CancellationToken ct)
    {
        var opened = await shares.OpenAsync(token, context.Request.Headers[PasswordHeader].ToString(), ct);
        if (!opened.IsSuccess)
        {
            return new ErrorResult(opened.Error);
        }

        var (collection, items) = opened.Value;
        return TypedResults.Ok(new GalleryResponse(
            true,
            new GalleryInfo(collection.Name, collection.Description, items.Count),
            [.. items.Select(asset => new GalleryItem(
                asset.Id, asset.Name, asset.FileName, OceanMediaFiles.UrlOf(context, asset), asset.Kind, asset.ContentType, asset.Size, asset.Width, asset.Height))]));
    }
}
