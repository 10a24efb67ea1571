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
/// Collections (<c>/api/media/collections...</c>): list, create, get with items, add items, share, delete. A share link
/// opens the public gallery (<see cref="OceanGalleryEndpoints"/>); its password is stored hashed.
/// </summary>
public static class OceanCollectionEndpoints
{
    private const string Section = PixelsOceanSurface.Sections.Collections;

    public static RouteGroupBuilder MapOceanCollections(this RouteGroupBuilder media)
    {
        media.MapGet("/collections", ListAsync)
            .Documented(Section, "List collections", "Your collections with their item counts and share state.",
                response: """{"success":true,"collections":[{"id":5,"name":"Best of 2026","count":8,"shared":true,"share_token":"abc123","has_password":false}]}""");
        media.MapPost("/collections", CreateAsync).WithRequestBody<CollectionRequest>("application/json")
            .Documented(Section, "Create collection", "`name` (required), `description`. At most 1,000 collections.",
                """{"name":"Best of 2026","description":"Picks for the site"}""");
        media.MapGet("/collections/{id:long}", GetAsync)
            .Documented(Section, "Get collection + items", "The collection and its (untrashed) media in the order they were added.");
        media.MapPost("/collections/{id:long}/items", AddItemsAsync).WithRequestBody<ItemsRequest>("application/json")
            .Documented(Section, "Add items to collection", "`ids`: your media ids (at most 500); all must be yours or nothing is added. Items already in it stay once.",
                """{"ids":[1,2,3]}""");
        media.MapPost("/collections/{id:long}/share", ShareAsync).WithRequestBody<ShareRequest>("application/json")
            .Documented(Section, "Generate share link",
                "`public` (default true; false stops sharing and the link stops working), `password` (optional; the gallery then asks for it; stored hashed). The token stays the same across calls.",
                """{"public":true,"password":"secret123"}""", """{"success":true,"share_token":"abc123xyz","share_url":"/ocean/gallery/abc123xyz"}""");
        media.MapDelete("/collections/{id:long}", DeleteAsync)
            .Documented(Section, "Delete collection", "Deletes the collection (and its share link); the media stay in the library.");
        return media;
    }

    public sealed record CollectionRequest(string Name, string? Description);

    public sealed record ItemsRequest(IReadOnlyList<long> Ids);

    public sealed record ShareRequest(bool? Public, string? Password);

    public sealed record CollectionView(
        long Id, string Name, string? Description, long Count, bool Shared, [property: JsonPropertyName("share_token")] string? ShareToken,
        [property: JsonPropertyName("has_password")] bool HasPassword, [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt)
    {
        public static CollectionView From(MediaCollection collection) => new(
            collection.Id, collection.Name, collection.Description, collection.Count, collection.SharePublic,
            collection.SharePublic ? collection.ShareToken : null, collection.HasPassword, collection.CreatedAt);
    }

    public sealed record CollectionListResponse(bool Success, IReadOnlyList<CollectionView> Collections);

    public sealed record CollectionResponse(bool Success, CollectionView Collection, IReadOnlyList<OceanMediaView> Items);

    public sealed record ShareResponse(
        bool Success, [property: JsonPropertyName("share_token")] string? ShareToken, [property: JsonPropertyName("share_url")] string? ShareUrl, bool Public);

    private static async Task<IResult> ListAsync(HttpContext context, MediaCollectionStore collections, CancellationToken ct) =>
        TypedResults.Ok(new CollectionListResponse(true, [.. (await collections.ListAsync(TesseraClaims.AccountIdOf(context.User)!, ct)).Select(CollectionView.From)]));

    private static async Task<IResult> CreateAsync(
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] JsonElement? body, HttpContext context, MediaCollectionStore collections, MediaLibrary library, CancellationToken ct)
    {
        var json = OceanInput.Object(body);
        var name = json.IsSuccess ? OceanInput.String(json.Value, "name") : json.Error;
        var description = json.IsSuccess ? OceanInput.String(json.Value, "description") : json.Error;
        if (!name.IsSuccess || !description.IsSuccess)
        {
            return new ErrorResult((!name.IsSuccess ? name.Error : description.Error)!);
        }

        var checkedName = library.Input.Name(name.Value.Value);
        if (!checkedName.IsSuccess)
        {
            return new ErrorResult(checkedName.Error);
        }

        if (description.Value.Value is { Length: > 2000 })
        {
            return new ErrorResult(Error.Validation("'description' is longer than 2000 characters."));
        }

        var account = TesseraClaims.AccountIdOf(context.User)!;
        var created = await collections.CreateAsync(account, checkedName.Value, description.Value.Value, library.Options.MaxCollectionsPerAccount, ct);
        if (!created.IsSuccess)
        {
            return new ErrorResult(created.Error);
        }

        var collection = (await collections.GetAsync(account, created.Value, ct))!;
        return TypedResults.Created($"{context.Request.PathBase}{context.Request.Path}/{collection.Id}", new CollectionResponse(true, CollectionView.From(collection), []));
    }

    private static async Task<IResult> GetAsync(long id, HttpContext context, MediaCollectionStore collections, CancellationToken ct)
    {
        if (await collections.GetAsync(TesseraClaims.AccountIdOf(context.User)!, id, ct) is not { } collection)
        {
            return new ErrorResult(MediaErrors.CollectionNotFound(id));
        }

        var items = await collections.ItemsAsync(id, ct);
        return TypedResults.Ok(new CollectionResponse(true, CollectionView.From(collection), [.. items.Select(asset => OceanMediaFiles.View(context, asset))]));
    }

    private static async Task<IResult> AddItemsAsync(
        long id, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] JsonElement? body, HttpContext context,
        MediaCollectionStore collections, MediaStore store, MediaLibrary library, CancellationToken ct)
    {
        var json = OceanInput.Object(body);
        var given = json.IsSuccess ? OceanInput.Ids(json.Value, "ids") : json.Error;
        var ids = given.IsSuccess ? library.Input.Ids(given.Value) : given.Error;
        if (!ids.IsSuccess)
        {
            return new ErrorResult(ids.Error);
        }

        var account = TesseraClaims.AccountIdOf(context.User)!;
        if (await collections.GetAsync(account, id, ct) is null)
        {
            return new ErrorResult(MediaErrors.CollectionNotFound(id));
        }

        var owned = (await store.GetManyAsync(account, ids.Value, ct)).Where(asset => !asset.Trashed).Select(asset => asset.Id).ToHashSet();
        var missing = ids.Value.Where(asset => !owned.Contains(asset)).Take(20).ToList();
        if (missing.Count > 0)
        {
            return new ErrorResult(Error.NotFound($"Media not found: {string.Join(", ", missing)}. Nothing was added."));
        }

        var added = await collections.AddItemsAsync(account, id, ids.Value, ct);
        return added.IsSuccess ? await GetAsync(id, context, collections, ct) : new ErrorResult(added.Error);
    }

    private static async Task<IResult> ShareAsync(
        long id, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] JsonElement? body, HttpContext context, MediaShares shares, SurfaceRegistry surfaces, CancellationToken ct)
    {
        var json = OceanInput.Object(body);
        var shared = json.IsSuccess ? OceanInput.Bool(json.Value, "public") : json.Error;
        var password = json.IsSuccess ? OceanInput.String(json.Value, "password") : json.Error;
        if (!shared.IsSuccess || !password.IsSuccess)
        {
            return new ErrorResult((!shared.IsSuccess ? shared.Error : password.Error)!);
        }

        var isPublic = shared.Value ?? true;
        var result = await shares.ShareAsync(TesseraClaims.AccountIdOf(context.User)!, id, isPublic, password.Value.Value, ct);
        if (!result.IsSuccess)
        {
            return new ErrorResult(result.Error);
        }

        var token = result.Value;
        var url = token is null ? null : $"{surfaces.Get(PixelsOceanSurface.Name).PathBase}/gallery/{token}";
        return TypedResults.Ok(new ShareResponse(true, token, url, isPublic));
    }

    private static async Task<IResult> DeleteAsync(long id, HttpContext context, MediaCollectionStore collections, CancellationToken ct)
    {
        var deleted = await collections.DeleteAsync(TesseraClaims.AccountIdOf(context.User)!, id, ct);
        return deleted.IsSuccess ? TypedResults.Ok(new OceanOk(true, $"Collection {id} deleted; its media stay in the library.")) : new ErrorResult(deleted.Error);
    }
}
