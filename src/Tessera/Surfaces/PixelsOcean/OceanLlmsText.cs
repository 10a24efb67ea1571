using Microsoft.Extensions.Options;
using Tessera.Editing;
using Tessera.Http;
using Tessera.Media;
using Tessera.RateLimits;
using Tessera.Surfaces.Discovery;

namespace Tessera.Surfaces.PixelsOcean;

/// <summary>
/// <c>GET /llms.txt</c>: Pixels Ocean as Markdown for an LLM — authentication, the response shape, the media library's
/// flows step by step, its limits from the live configuration, and every route from the routes' own metadata
/// (<see cref="SurfaceRouteCatalog"/>), so a route added is a route listed.
/// </summary>
public static class OceanLlmsText
{
    public static IEndpointRouteBuilder MapOceanLlmsText(this IEndpointRouteBuilder endpoints, string pathBase)
    {
        endpoints.MapGet(pathBase + "/llms.txt", (HttpContext context, SurfaceRouteCatalog catalog, RateLimitPolicies limits, IOptions<MediaOptions> media, IOptions<EditingOptions> editing, IConfiguration configuration) =>
            Render(PublicBaseUrl.Of(context.Request, configuration), pathBase, catalog, limits, media.Value, editing.Value))
            .ExcludeFromDescription();
        return endpoints;
    }

    private static IResult Render(string root, string pathBase, SurfaceRouteCatalog catalog, RateLimitPolicies limits, MediaOptions media, EditingOptions editing)
    {
        var api = root + pathBase;
        var text = new LlmsTextWriter();
        text.Line("# Pixels Ocean API (Tessera)").Line()
            .Line("> A media library for agents: upload images, videos and documents; search them by words, tags, groups, folders, type and colour; organise them in folders and collections; share a collection as a public gallery; edit images with layers in the Live Editor.").Line()
            .Line($"Base URL: {api}")
            .Line($"OpenAPI: {api}/openapi.json").Line()
            .Section("Authentication")
            .Line("Send your key as `X-API-Key: <key>` (or `Authorization: Bearer <key>`, or a JSON body field `\"api_key\"`). Any Tessera key of the account works; the media routes need the `media` scope (a key without it → 403).").Line()
            .Section("Response format")
            .Line("Every response is JSON. Check `success` first: `{\"success\": true, ...}` or `{\"success\": false, \"error\": \"...\", \"code\": \"...\"}`. 400 bad input, 401 missing/invalid key, 403 scope or suspended account, 404 not found (also: not yours), 409 name taken, 413 file too large, 429 rate limit (with Retry-After).").Line()
            .Section("Flow: upload, then find it again")
            .Line("1. POST /api/media/upload as multipart/form-data: `file` (required), `name`, `group`, `tags` (JSON array), `folder_id` → `{success, media_id, url, tags, type}`. `url` serves the file itself (no key needed; it stops working when the asset is trashed).")
            .Line("2. The asset is listed and searchable by name, tags and group at once; `analysis` turns from `pending` to `done` within seconds, adding `width`, `height`, dominant `colors`, `phash` and `ocr_text`.")
            .Line("3. GET /api/media/search?q=beach&type=image → `{success, media: [...], total, limit, offset}`; words match as prefixes and all must match; results are ranked.")
            .Line("4. PATCH /api/media/{id}/tags `{\"tags\":[\"sunset\"],\"action\":\"add\"}` (add | remove | replace); PATCH /api/media/{id} for name, group, folder_id.").Line()
            .Section("Flow: share a collection")
            .Line("1. POST /api/media/collections `{\"name\":\"Best of\"}` → `{success, collection: {id, ...}}`.")
            .Line("2. POST /api/media/collections/{id}/items `{\"ids\":[1,2,3]}` (all must be yours, else nothing is added).")
            .Line("3. POST /api/media/collections/{id}/share `{\"public\":true,\"password\":\"optional\"}` → `{share_token, share_url}`; the gallery page is at share_url and its JSON at GET /api/gallery/{token} (header `X-Gallery-Password` when protected). `public:false` stops sharing.").Line()
            .Section("Flow: Live Editor")
            .Line("1. GET /api/live-editor/status → `available`, `features`, the server's `fonts` and the limits.")
            .Line("2. POST /api/live-editor/preview with an edit → the image itself (JPEG, longest side ≤ " + editing.PreviewMaxSide + "), headers `X-Edit-Width`/`X-Edit-Height`. An edit: `media_id` (your image), optional `crop` {x,y,width,height} (base pixels), `resize` {width,height,fit: contain|cover|fill}, `filters` {greyscale, blur 0–50, sharpen 0–10, brightness/contrast/saturation −100–100}, `layers` (≤ " + editing.MaxLayers + ") and `output` {format: webp|jpg|png, quality 1–100}.")
            .Line("3. Layers: every layer has `x`, `y` (its box's top-left in pixels of the edited image, after crop and resize), `rotation` (degrees clockwise about its centre), `opacity` 0–100, `z` (higher on top). `{\"type\":\"image\",\"media_id\":43,\"scale\":0.5}`, `{\"type\":\"text\",\"text\":\"Hi\",\"font\":\"DejaVu Sans Bold\",\"size\":48,\"color\":\"#ffffff\",\"outline_color\":\"#000000\",\"outline_width\":2}` (≤ " + editing.MaxTextLength + " characters), `{\"type\":\"shape\",\"shape\":\"rect|ellipse|line\",\"width\":200,\"height\":80,\"fill\":\"#ff0000\",\"stroke\":\"#000000\",\"stroke_width\":3}` (a line runs from x,y to x+width, y+height).")
            .Line("4. POST /api/live-editor/render with the same edit → `{media_id, url, width, height}`: the result is a new asset of your library.")
            .Line("5. POST /api/live-editor/templates `{\"name\":\"Banner\",\"edit\":{...no media_id...}}`, then POST /api/live-editor/batch `{\"template_id\":3,\"media_ids\":[...]}` (≤ " + editing.MaxBatchIds + ") → `{job_id, poll_url}`; GET /api/jobs/{job_id} until `status` is completed: `assets.items` are the rendered copies, `failures` the ids that could not be done.")
            .Line("6. A person can do the same in the browser at " + api + "/editor/{media_id} (it asks for the key).").Line()
            .Section("Trash")
            .Line($"DELETE /api/media/{{id}} moves to the trash (GET /api/media/trash); POST /api/media/{{id}}/restore brings it back; DELETE /api/media/{{id}}/purge deletes for good. Trash older than {media.TrashRetention.TotalDays:0} days is purged.").Line()
            .Section("Limits")
            .Line($"- Upload: at most {media.MaxUploadBytes / (1024 * 1024)} MB; images at most {media.MaxImagePixels / 1_000_000} megapixels (declared size, checked before decoding). Types by content: PNG, JPEG, GIF, WebP, AVIF, MP4, MOV, WebM, AVI, PDF, ZIP.")
            .Line($"- Names and groups: at most {media.MaxNameLength} characters. Tags: at most {media.MaxTagsPerAsset} per asset, {media.MaxTagLength} characters each, stored lower-case.")
            .Line($"- Paging: `limit` default 50, max 200. Bulk and add-items: at most {media.MaxIdsPerCall} ids. {media.MaxFoldersPerAccount} folders, {media.MaxCollectionsPerAccount} collections, {media.MaxAssetsPerAccount} assets per account.")
            .Line("- Rate: 60 requests a minute per key on the media routes; the routes that do work (scrape, generate ...) also count toward 20 a day.").Line();
        text.Endpoints(catalog.For(PixelsOceanSurface.Name), root, limits, _ => "");
        return text.ToResult();
    }
}
