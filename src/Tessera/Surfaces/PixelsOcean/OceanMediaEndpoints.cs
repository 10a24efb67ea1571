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
/// The media library's routes (seed: "All Media Endpoints"): list, search, trash, get, update, tags, trash (DELETE),
/// restore, purge. Every id is the caller's or a 404 (<see cref="MediaLibrary"/> scopes every query to the account).
/// </summary>
public static class OceanMediaEndpoints
{
    private const string Section = PixelsOceanSurface.Sections.Media;
    private const int DefaultPage = 50;
    private const int MaxPage = 200;

    public static RouteGroupBuilder MapOceanMedia(this RouteGroupBuilder media)
    {
        media.MapGet("/list", ListAsync)
            .Documented(Section, "List media", $"All assets in your library, newest first: `limit` (default {DefaultPage}, max {MaxPage}), `offset`.",
                response: """{"success":true,"media":[{"id":42,"media_id":42,"name":"My Photo","url":"https://host/ocean/m/42/.../photo.jpg","type":"image","tags":["nature"],"analysis":"done"}],"total":1,"limit":50,"offset":0}""");
        media.MapGet("/search", SearchAsync)
            .Documented(Section, "Search media",
                "By `q` (full text over name, tags, group, OCR text and labels; words match as prefixes, all must match; ranked), `tag`, `group`, `folder_id`, `type` (image, video, document), `color` (#rrggbb: nearest dominant colours), `limit` (default 50, max 200), `offset`. Filters combine.",
                response: """{"success":true,"media":[],"total":0,"limit":50,"offset":0}""");
        media.MapGet("/trash", TrashListAsync)
            .Documented(Section, "List trashed media", "Assets in your trash (kept for Tessera:Media:TrashRetention, 30 days by default, then purged): `limit`, `offset`.");
        media.MapGet("/{id:long}", GetAsync)
            .Documented(Section, "Get media", "One asset with its analysis: dimensions, dominant colours, perceptual hash, OCR text.");
        media.MapPatch("/{id:long}", UpdateAsync).WithRequestBody<MediaPatchRequest>("application/json")
            .Documented(Section, "Update media metadata", "Change `name`, `group` (null clears), `folder_id` (null: out of its folder) or `tags` (the whole list). Fields left out stay.",
                """{"name":"Beach at dusk","group":"holidays","folder_id":3}""");
        media.MapDelete("/{id:long}", TrashAsync)
            .Documented(Section, "Trash media", "Soft delete: the asset moves to the trash (GET /api/media/trash) and its URL stops working until restored.");
        media.MapPatch("/{id:long}/tags", TagsAsync).WithRequestBody<MediaTagsRequest>("application/json")
            .Documented(Section, "Add, remove or replace tags", "`tags` (array) and `action`: add (default), remove or replace. Tags are lower-cased and trimmed; at most 50 per asset.",
                """{"tags":["sunset","beach"],"action":"add"}""", """{"success":true,"media_id":42,"tags":["nature","sunset","beach"]}""");
        media.MapPost("/{id:long}/restore", RestoreAsync)
            .Documented(Section, "Restore from trash", "Brings a trashed asset back. No body.");
        media.MapDelete("/{id:long}/purge", PurgeAsync)
            .Documented(Section, "Purge media", "Deletes the asset for good (trashed or not); its file goes when no other asset of the same bytes remains.");
        return media;
    }

    private static async Task<IResult> ListAsync(string? limit, string? offset, HttpContext context, MediaLibrary library, CancellationToken ct) =>
        await PageAsync(context, library, new Dictionary<string, string?> { ["limit"] = limit, ["offset"] = offset }, trashed: false, ct);

    private static async Task<IResult> TrashListAsync(string? limit, string? offset, HttpContext context, MediaLibrary library, CancellationToken ct) =>
        await PageAsync(context, library, new Dictionary<string, string?> { ["limit"] = limit, ["offset"] = offset }, trashed: true, ct);

    private static async Task<IResult> SearchAsync(HttpContext context, MediaLibrary library, CancellationToken ct) =>
        await PageAsync(context, library, context.Request.Query.ToDictionary(pair => pair.Key, pair => (string?)pair.Value.ToString()), trashed: false, ct);

    private static async Task<IResult> PageAsync(HttpContext context, MediaLibrary library, Dictionary<string, string?> query, bool trashed, CancellationToken ct)
    {
        var limit = OceanInput.Int(query.GetValueOrDefault("limit"), "limit", DefaultPage, 1, MaxPage, clamp: true);
        var offset = OceanInput.Int(query.GetValueOrDefault("offset"), "offset", 0, 0, 1_000_000);
        var folder = OceanInput.Id(query.GetValueOrDefault("folder_id"), "folder_id");
        var type = query.GetValueOrDefault("type");
        if (!limit.IsSuccess || !offset.IsSuccess || !folder.IsSuccess)
        {
            return new ErrorResult((!limit.IsSuccess ? limit.Error : !offset.IsSuccess ? offset.Error : folder.Error)!);
        }

        if (!string.IsNullOrEmpty(type) && !AssetKind.IsKnown(type))
        {
            return new ErrorResult(Error.Validation("'type' must be image, video or document."));
        }

        var tag = query.GetValueOrDefault("tag");
        var mediaQuery = new MediaQuery(
            Text: NullIfEmpty(query.GetValueOrDefault("q")),
            Tag: string.IsNullOrWhiteSpace(tag) ? null : MediaInput.Normalise(tag),
            Group: NullIfEmpty(query.GetValueOrDefault("group")?.Trim()),
            FolderId: folder.Value,
            Kind: NullIfEmpty(type),
            Color: NullIfEmpty(query.GetValueOrDefault("color")?.Trim()),
            Trashed: trashed,
            Limit: limit.Value,
            Offset: offset.Value);
        var page = await library.QueryAsync(TesseraClaims.AccountIdOf(context.User)!, mediaQuery, ct);
        return page.IsSuccess
            ? TypedResults.Ok(new OceanMediaPage(true, [.. page.Value.Items.Select(asset => OceanMediaFiles.View(context, asset))], page.Value.Total, limit.Value, offset.Value))
            : new ErrorResult(page.Error);
    }

    private static async Task<IResult> GetAsync(long id, HttpContext context, MediaLibrary library, CancellationToken ct) =>
        await library.GetAsync(TesseraClaims.AccountIdOf(context.User)!, id, ct) is { } asset
            ? TypedResults.Ok(new OceanMediaResponse(true, OceanMediaFiles.View(context, asset)))
            : new ErrorResult(MediaErrors.AssetNotFound(id));

    private static async Task<IResult> UpdateAsync(
        long id, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] JsonElement? body, HttpContext context, MediaLibrary library, CancellationToken ct)
    {
        var change = ReadChange(body, library.Input);
        if (!change.IsSuccess)
        {
            return new ErrorResult(change.Error);
        }

        return Respond(context, await library.UpdateAsync(TesseraClaims.AccountIdOf(context.User)!, id, change.Value, ct));
    }

    private static Result<MediaChange> ReadChange(JsonElement? body, MediaInput input)
    {
        var json = OceanInput.Object(body);
        if (!json.IsSuccess)
        {
            return json.Error;
        }

        var name = OceanInput.String(json.Value, "name");
        var group = OceanInput.String(json.Value, "group");
        var folder = OceanInput.OptionalId(json.Value, "folder_id");
        var tags = OceanInput.Strings(json.Value, "tags");
        if (!name.IsSuccess || !group.IsSuccess || !folder.IsSuccess || !tags.IsSuccess)
        {
            return (!name.IsSuccess ? name.Error : !group.IsSuccess ? group.Error : !folder.IsSuccess ? folder.Error : tags.Error)!;
        }

        string? newName = null;
        if (name.Value.Present)
        {
            var checkedName = input.Name(name.Value.Value);
            if (!checkedName.IsSuccess)
            {
                return checkedName.Error;
            }

            newName = checkedName.Value;
        }

        var newGroup = input.OptionalName(group.Value.Value, "group");
        if (!newGroup.IsSuccess)
        {
            return newGroup.Error;
        }

        IReadOnlyList<string>? newTags = null;
        if (tags.Value is { } list)
        {
            var checkedTags = input.Tags(list);
            if (!checkedTags.IsSuccess)
            {
                return checkedTags.Error;
            }

            newTags = checkedTags.Value;
        }

        return new MediaChange(newName, group.Value.Present, newGroup.Value, folder.Value.Present, folder.Value.Value, newTags);
    }

    private static async Task<IResult> TrashAsync(long id, HttpContext context, MediaLibrary library, CancellationToken ct)
    {
        var trashed = await library.TrashAsync(TesseraClaims.AccountIdOf(context.User)!, id, ct);
        return trashed.IsSuccess
            ? TypedResults.Ok(new MediaIdResponse(true, id, "Moved to trash."))
            : new ErrorResult(trashed.Error);
    }

    private static async Task<IResult> TagsAsync(
        long id, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] JsonElement? body, HttpContext context, MediaLibrary library, CancellationToken ct)
    {
        var json = OceanInput.Object(body);
        var tags = json.IsSuccess ? OceanInput.Strings(json.Value, "tags") : json.Error;
        var action = json.IsSuccess ? OceanInput.String(json.Value, "action") : json.Error;
        if (!tags.IsSuccess || !action.IsSuccess)
        {
            return new ErrorResult((!tags.IsSuccess ? tags.Error : action.Error)!);
        }

        if (tags.Value is null)
        {
            return new ErrorResult(Error.Validation("'tags' (an array of strings) is required."));
        }

        var changed = await library.ChangeTagsAsync(TesseraClaims.AccountIdOf(context.User)!, id, action.Value.Value, tags.Value, ct);
        return changed.IsSuccess
            ? TypedResults.Ok(new MediaTagsResponse(true, id, changed.Value.Tags))
            : new ErrorResult(changed.Error);
    }

    private static async Task<IResult> RestoreAsync(long id, HttpContext context, MediaLibrary library, CancellationToken ct) =>
        Respond(context, await library.RestoreAsync(TesseraClaims.AccountIdOf(context.User)!, id, ct));

    private static async Task<IResult> PurgeAsync(long id, HttpContext context, MediaLibrary library, CancellationToken ct)
    {
        var purged = await library.PurgeAsync(TesseraClaims.AccountIdOf(context.User)!, [id], ct);
        return purged.IsSuccess
            ? TypedResults.Ok(new MediaIdResponse(true, id, "Deleted for good."))
            : new ErrorResult(purged.Error.Status == 404 ? MediaErrors.AssetNotFound(id) : purged.Error);
    }

    private static IResult Respond(HttpContext context, Result<MediaAsset> result) =>
        result.IsSuccess
            ? TypedResults.Ok(new OceanMediaResponse(true, OceanMediaFiles.View(context, result.Value)))
            : new ErrorResult(result.Error);

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    /// <summary>The fields <c>PATCH /api/media/{id}</c> reads (for the OpenAPI document; the handler reads the JSON itself).</summary>
    public sealed record MediaPatchRequest(string? Name, string? Group, [property: JsonPropertyName("folder_id")] long? FolderId, IReadOnlyList<string>? Tags);

    public sealed record MediaTagsRequest(IReadOnlyList<string> Tags, string? Action);

    public sealed record MediaIdResponse(bool Success, [property: JsonPropertyName("media_id")] long MediaId, string Message);

    public sealed record MediaTagsResponse(bool Success, [property: JsonPropertyName("media_id")] long MediaId, IReadOnlyList<string> Tags);
}
