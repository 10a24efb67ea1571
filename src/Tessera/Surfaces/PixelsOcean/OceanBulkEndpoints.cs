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

/// <summary><c>POST /api/media/bulk</c>: one action over many of the caller's assets, all or nothing, reported per id.</summary>
public static class OceanBulkEndpoints
{
    public static RouteGroupBuilder MapOceanBulk(this RouteGroupBuilder media)
    {
        media.MapPost("/bulk", BulkAsync).WithRequestBody<BulkRequest>("application/json")
            .Documented(PixelsOceanSurface.Sections.Media, "Bulk operations",
                "`ids` (array of your media ids, at most 500) and `action`: trash · restore · purge · move (with `folder_id`; null moves out of folders) · tag (with `tags`, added) · list. Every id must be yours, else nothing changes and the error names the ids not found.",
                """{"ids":[1,2,3],"action":"tag","tags":["approved"]}""",
                """{"success":true,"action":"tag","count":3,"results":[{"id":1,"status":"tagged"}],"media":[]}""");
        return media;
    }

    public sealed record BulkRequest(IReadOnlyList<long> Ids, string Action, [property: JsonPropertyName("folder_id")] long? FolderId, IReadOnlyList<string>? Tags);

    public sealed record BulkResponse(bool Success, string Action, int Count, IReadOnlyList<MediaBulkItem> Results, IReadOnlyList<OceanMediaView> Media);

    private static async Task<IResult> BulkAsync(
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] JsonElement? body, HttpContext context, MediaLibrary library, CancellationToken ct)
    {
        var json = OceanInput.Object(body);
        if (!json.IsSuccess)
        {
            return new ErrorResult(json.Error);
        }

        var ids = OceanInput.Ids(json.Value, "ids");
        var action = OceanInput.String(json.Value, "action");
        var folder = OceanInput.OptionalId(json.Value, "folder_id");
        var tags = OceanInput.Strings(json.Value, "tags");
        if (!ids.IsSuccess || !action.IsSuccess || !folder.IsSuccess || !tags.IsSuccess)
        {
            return new ErrorResult((!ids.IsSuccess ? ids.Error : !action.IsSuccess ? action.Error : !folder.IsSuccess ? folder.Error : tags.Error)!);
        }

        if (action.Value.Value is null)
        {
            return new ErrorResult(Error.Validation("'action' is required: trash, restore, purge, move, tag or list."));
        }

        var result = await library.BulkAsync(
            TesseraClaims.AccountIdOf(context.User)!, new MediaBulk(ids.Value, action.Value.Value, folder.Value.Value, tags.Value), ct);
        if (!result.IsSuccess)
        {
            return new ErrorResult(result.Error);
        }

        var done = result.Value;
        return TypedResults.Ok(new BulkResponse(true, done.Action, done.Results.Count, done.Results, [.. done.Items.Select(asset => OceanMediaFiles.View(context, asset))]));
    }
}
