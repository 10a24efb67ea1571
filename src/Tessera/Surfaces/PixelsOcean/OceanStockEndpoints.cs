using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Options;
using Tessera.Accounts;
using Tessera.Common;
using Tessera.Http;
using Tessera.Media;
using Tessera.Outbound;
using Tessera.Surfaces.Discovery;

namespace Tessera.Surfaces.PixelsOcean;

/// <summary>
/// Stock lists (<c>/api/media/stock/...</c>): lists of images found elsewhere (URL, title, source), and <c>save</c>,
/// which copies them into the library through the SSRF-safe client (<see cref="MediaStock"/>).
/// </summary>
public static class OceanStockEndpoints
{
    private const string Section = PixelsOceanSurface.Sections.Media;
    private const int MaxUrlLength = 2048;
    private const int MaxTextLength = 200;

    public static RouteGroupBuilder MapOceanStock(this RouteGroupBuilder media)
    {
        media.MapGet("/stock/lists", ListAsync)
            .Documented(Section, "List stock lists", "Your stock lists with their item counts.",
                response: """{"success":true,"lists":[{"id":7,"name":"Moodboard","count":3,"created_at":"..."}]}""");
        media.MapPost("/stock/lists", CreateAsync).WithRequestBody<StockListRequest>("application/json")
            .Documented(Section, "Create stock list", "`name` (required). At most 200 lists.", """{"name":"Moodboard"}""");
        media.MapGet("/stock/lists/{id:long}", GetAsync)
            .Documented(Section, "Get stock list", "The list and its items (`saved_media_id` once saved into your library).");
        media.MapDelete("/stock/lists/{id:long}", DeleteAsync)
            .Documented(Section, "Delete stock list", "Deletes the list and its items (media already saved stay in your library).");
        media.MapPost("/stock/lists/{id:long}/items", AddItemsAsync).WithRequestBody<StockItemsRequest>("application/json")
            .Documented(Section, "Add items to stock list",
                "`items`: [{`url` (https, required), `title`, `source`}] (or one item's fields at the top level). At most 500 items per list.",
                """{"items":[{"url":"https://images.example.com/a.jpg","title":"Dunes","source":"example"}]}""");
        media.MapPost("/stock/lists/{id:long}/save", SaveAsync).WithRequestBody<StockSaveRequest>("application/json")
            .Documented(Section, "Save stock items to library",
                "Fetches the list's items (or only `ids`) and adds them to your library (group = the list's name); at most 20 per call. Each item is reported: `media_id`, or `error` (unreachable, not an image, too large, a private address...).",
                """{"ids":[11,12]}""",
                """{"success":true,"saved":1,"failed":1,"results":[{"item_id":11,"media_id":42,"error":null},{"item_id":12,"media_id":null,"error":"The URL answered HTTP 404."}]}""");
        media.MapDelete("/stock/items/{id:long}", RemoveItemAsync)
            .Documented(Section, "Remove stock item", "Removes one item from its list.");
        return media;
    }

    public sealed record StockListRequest(string Name);

    public sealed record StockItemRequest(string Url, string? Title, string? Source);

    public sealed record StockItemsRequest(IReadOnlyList<StockItemRequest> Items);

    public sealed record StockSaveRequest(IReadOnlyList<long>? Ids);

    public sealed record StockListView(long Id, string Name, long Count, [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt)
    {
        public static StockListView From(MediaStockList list) => new(list.Id, list.Name, list.Count, list.CreatedAt);
    }

    public sealed record StockItemView(
        long Id, string Url, string? Title, string? Source, [property: JsonPropertyName("saved_media_id")] long? SavedMediaId,
        [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt)
    {
        public static StockItemView From(MediaStockItem item) => new(item.Id, item.Url, item.Title, item.Source, item.SavedMediaId, item.CreatedAt);
    }

    public sealed record StockListsResponse(bool Success, IReadOnlyList<StockListView> Lists);

    public sealed record StockListResponse(bool Success, StockListView List, IReadOnlyList<StockItemView> Items);

    public sealed record StockSaveResult([property: JsonPropertyName("item_id")] long ItemId, [property: JsonPropertyName("media_id")] long? MediaId, string? Error);

    public sealed record StockSaveResponse(bool Success, int Saved, int Failed, IReadOnlyList<StockSaveResult> Results);

    private static async Task<IResult> ListAsync(HttpContext context, MediaStockStore stock, CancellationToken ct) =>
        TypedResults.Ok(new StockListsResponse(true, [.. (await stock.ListAsync(TesseraClaims.AccountIdOf(context.User)!, ct)).Select(StockListView.From)]));

    private static async Task<IResult> CreateAsync(
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] JsonElement? body, HttpContext context, MediaStockStore stock, MediaLibrary library, CancellationToken ct)
    {
        var json = OceanInput.Object(body);
        var name = json.IsSuccess ? OceanInput.String(json.Value, "name") : json.Error;
        var checkedName = name.IsSuccess ? library.Input.Name(name.Value.Value) : name.Error;
        if (!checkedName.IsSuccess)
        {
            return new ErrorResult(checkedName.Error);
        }

        var account = TesseraClaims.AccountIdOf(context.User)!;
        var created = await stock.CreateAsync(account, checkedName.Value, library.Options.MaxStockListsPerAccount, ct);
        return created.IsSuccess
            ? TypedResults.Created($"{context.Request.PathBase}{context.Request.Path}/{created.Value}", await ViewAsync(account, created.Value, stock, ct))
            : new ErrorResult(created.Error);
    }

    private static async Task<IResult> GetAsync(long id, HttpContext context, MediaStockStore stock, CancellationToken ct)
    {
        var account = TesseraClaims.AccountIdOf(context.User)!;
        return await stock.GetAsync(account, id, ct) is null
            ? new ErrorResult(MediaStockStore.StockListNotFound(id))
            : TypedResults.Ok(await ViewAsync(account, id, stock, ct));
    }

    private static async Task<IResult> DeleteAsync(long id, HttpContext context, MediaStockStore stock, CancellationToken ct)
    {
        var deleted = await stock.DeleteAsync(TesseraClaims.AccountIdOf(context.User)!, id, ct);
        return deleted.IsSuccess ? TypedResults.Ok(new OceanOk(true, $"Stock list {id} deleted.")) : new ErrorResult(deleted.Error);
    }

    private static async Task<IResult> AddItemsAsync(
        long id, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] JsonElement? body, HttpContext context, MediaStockStore stock, MediaLibrary library,
        IOptions<OutboundOptions> outbound, CancellationToken ct)
    {
        var json = OceanInput.Object(body);
        if (!json.IsSuccess)
        {
            return new ErrorResult(json.Error);
        }

        var items = ReadItems(json.Value, allowHttp: outbound.Value.AllowPrivateNetworks);
        if (!items.IsSuccess)
        {
            return new ErrorResult(items.Error);
        }

        var account = TesseraClaims.AccountIdOf(context.User)!;
        var added = await stock.AddItemsAsync(account, id, items.Value, library.Options.MaxItemsPerStockList, ct);
        return added.IsSuccess ? TypedResults.Ok(await ViewAsync(account, id, stock, ct)) : new ErrorResult(added.Error);
    }

    private static async Task<IResult> SaveAsync(
        long id, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] JsonElement? body, HttpContext context, MediaStock stock, CancellationToken ct)
    {
        var json = OceanInput.Object(body);
        var ids = json.IsSuccess ? OceanInput.Ids(json.Value, "ids") : json.Error;
        if (!ids.IsSuccess)
        {
            return new ErrorResult(ids.Error);
        }

        var saved = await stock.SaveAsync(TesseraClaims.AccountIdOf(context.User)!, id, ids.Value, ct);
        if (!saved.IsSuccess)
        {
            return new ErrorResult(saved.Error);
        }

        var results = saved.Value.Select(outcome => new StockSaveResult(outcome.ItemId, outcome.MediaId, outcome.Error)).ToList();
        return TypedResults.Ok(new StockSaveResponse(true, results.Count(r => r.MediaId is not null), results.Count(r => r.MediaId is null), results));
    }

    private static async Task<IResult> RemoveItemAsync(long id, HttpContext context, MediaStockStore stock, CancellationToken ct)
    {
        var removed = await stock.RemoveItemAsync(TesseraClaims.AccountIdOf(context.User)!, id, ct);
        return removed.IsSuccess ? TypedResults.Ok(new OceanOk(true, $"Stock item {id} removed.")) : new ErrorResult(removed.Error);
    }

    private static async Task<StockListResponse> ViewAsync(string account, long id, MediaStockStore stock, CancellationToken ct) =>
        new(true, StockListView.From((await stock.GetAsync(account, id, ct))!), [.. (await stock.ItemsAsync(account, id, ct)).Select(StockItemView.From)]);

    /// <summary>
    /// <c>items</c> (an array of objects) or one item's fields at the top level. URLs are https; plain http only where the
    /// operator lets outbound calls reach private networks (development, tests), as for Ocean webhooks (DECISIONS).
    /// </summary>
    private static Result<IReadOnlyList<NewStockItem>> ReadItems(JsonElement body, bool allowHttp)
    {
        var elements = body.TryGetProperty("items", out var array)
            ? array.ValueKind == JsonValueKind.Array ? array.EnumerateArray().ToList() : null
            : [body];
        if (elements is null || elements.Count == 0 || elements.Count > 500)
        {
            return Error.Validation("'items' must be an array of 1 to 500 objects {url, title?, source?}.");
        }

        var items = new List<NewStockItem>();
        foreach (var element in elements)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                return Error.Validation("Each item must be an object {url, title?, source?}.");
            }

            var url = OceanInput.String(element, "url");
            var title = OceanInput.String(element, "title");
            var source = OceanInput.String(element, "source");
            if (!url.IsSuccess || !title.IsSuccess || !source.IsSuccess)
            {
                return (!url.IsSuccess ? url.Error : !title.IsSuccess ? title.Error : source.Error)!;
            }

            if (url.Value.Value is not { Length: > 0 and <= MaxUrlLength } link
                || !(HttpsUrl.IsValid(link) || (allowHttp && HttpsUrl.IsValid("https" + link["http".Length..]) && link.StartsWith("http://", StringComparison.OrdinalIgnoreCase))))
            {
                return Error.Validation($"Each item's 'url' must be an https URL of at most {MaxUrlLength} characters.");
            }

            if (title.Value.Value is { Length: > MaxTextLength } || source.Value.Value is { Length: > MaxTextLength }
                || (title.Value.Value ?? "").Any(char.IsControl) || (source.Value.Value ?? "").Any(char.IsControl))
            {
                return Error.Validation($"'title' and 'source' are text of at most {MaxTextLength} characters.");
            }

            items.Add(new NewStockItem(link, title.Value.Value, source.Value.Value));
        }

        return items;
    }
}
