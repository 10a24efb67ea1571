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

/// <summary>Folders: <c>GET|POST /api/media/folders</c>, <c>PATCH|DELETE /api/media/folders/{id}</c>.</summary>
public static class OceanFolderEndpoints
{
    private const string Section = PixelsOceanSurface.Sections.Media;

    public static RouteGroupBuilder MapOceanFolders(this RouteGroupBuilder media)
    {
        media.MapGet("/folders", ListAsync)
            .Documented(Section, "List folders", "Your folders by name, each with how many assets it holds.",
                response: """{"success":true,"folders":[{"id":3,"name":"Holidays","count":12,"created_at":"..."}]}""");
        media.MapPost("/folders", CreateAsync).WithRequestBody<FolderRequest>("application/json")
            .Documented(Section, "Create folder", "`name` (unique among your folders; a second of the same name is 409). At most 1,000 folders.",
                """{"name":"Holidays"}""", """{"success":true,"folder":{"id":3,"name":"Holidays","count":0,"created_at":"..."}}""");
        media.MapPatch("/folders/{id:long}", RenameAsync).WithRequestBody<FolderRequest>("application/json")
            .Documented(Section, "Rename folder", "`name`: the folder's new name.", """{"name":"Summer 2026"}""");
        media.MapDelete("/folders/{id:long}", DeleteAsync)
            .Documented(Section, "Delete folder", "Deletes the folder; its assets stay in the library, in no folder.");
        return media;
    }

    public sealed record FolderRequest(string Name);

    public sealed record FolderView(long Id, string Name, long Count, [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt)
    {
        public static FolderView From(MediaFolder folder) => new(folder.Id, folder.Name, folder.Count, folder.CreatedAt);
    }

    public sealed record FolderListResponse(bool Success, IReadOnlyList<FolderView> Folders);

    public sealed record FolderResponse(bool Success, FolderView Folder);

    private static async Task<IResult> ListAsync(HttpContext context, MediaFolderStore folders, CancellationToken ct) =>
        TypedResults.Ok(new FolderListResponse(true, [.. (await folders.ListAsync(TesseraClaims.AccountIdOf(context.User)!, ct)).Select(FolderView.From)]));

    private static async Task<IResult> CreateAsync(
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] JsonElement? body, HttpContext context, MediaFolderStore folders, MediaLibrary library, CancellationToken ct)
    {
        var name = Name(body, library.Input);
        if (!name.IsSuccess)
        {
            return new ErrorResult(name.Error);
        }

        var created = await folders.CreateAsync(TesseraClaims.AccountIdOf(context.User)!, name.Value, library.Options.MaxFoldersPerAccount, ct);
        return created.IsSuccess
            ? TypedResults.Created($"{context.Request.PathBase}{context.Request.Path}/{created.Value.Id}", new FolderResponse(true, FolderView.From(created.Value)))
            : new ErrorResult(created.Error);
    }

    private static async Task<IResult> RenameAsync(
        long id, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] JsonElement? body, HttpContext context, MediaFolderStore folders, MediaLibrary library, CancellationToken ct)
    {
        var name = Name(body, library.Input);
        if (!name.IsSuccess)
        {
            return new ErrorResult(name.Error);
        }

        var renamed = await folders.RenameAsync(TesseraClaims.AccountIdOf(context.User)!, id, name.Value, ct);
        return renamed.IsSuccess ? TypedResults.Ok(new FolderResponse(true, FolderView.From(renamed.Value))) : new ErrorResult(renamed.Error);
    }

    private static async Task<IResult> DeleteAsync(long id, HttpContext context, MediaFolderStore folders, CancellationToken ct)
    {
        var deleted = await folders.DeleteAsync(TesseraClaims.AccountIdOf(context.User)!, id, ct);
        return deleted.IsSuccess ? TypedResults.Ok(new OceanOk(true, $"Folder {id} deleted; its media stay in the library.")) : new ErrorResult(deleted.Error);
    }

    private static Result<string> Name(JsonElement? body, MediaInput input)
    {
        var json = OceanInput.Object(body);
        var name = json.IsSuccess ? OceanInput.String(json.Value, "name") : json.Error;
        return name.IsSuccess ? input.Name(name.Value.Value) : name.Error;
    }
}

/// <summary>A success with only a message.</summary>
public sealed record OceanOk(bool Success, string Message);
