using Microsoft.Extensions.Options;
using Tessera.Common;

namespace Tessera.Media;

/// <summary>What one save did with each item: the asset it made, or why not.</summary>
public sealed record StockSaveOutcome(long ItemId, long? MediaId, string? Error);

/// <summary>
/// Saving stock items into the library: each item's URL is fetched through the SSRF-safe client (<see cref="OutboundHttp"/>:
/// public addresses only, redirects re-checked, bounded by the upload limit and a timeout) and uploaded as the caller's
/// asset, in the list's name as its group. Items fail one by one (reported), never the whole save; an item already saved
/// is saved again only when its asset is gone. At most <see cref="MediaOptions.MaxStockSavePerCall"/> items per call keep
/// the request's time bounded.
/// </summary>
public sealed class MediaStock(MediaStockStore store, MediaLibrary library, MediaFetcher fetcher, IOptions<MediaOptions> options)
{
    public async Task<Result<IReadOnlyList<StockSaveOutcome>>> SaveAsync(string accountId, long listId, IReadOnlyList<long>? itemIds, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(accountId, listId, cancellationToken) is not { } list)
        {
            return MediaStockStore.StockListNotFound(listId);
        }

        var items = await store.ItemsAsync(accountId, listId, cancellationToken);
        if (itemIds is not null)
        {
            var missing = itemIds.Where(id => items.All(item => item.Id != id)).Take(20).ToList();
            if (missing.Count > 0)
            {
                return Error.NotFound($"Stock items not on this list: {string.Join(", ", missing)}. Nothing was saved.");
            }

            items = [.. items.Where(item => itemIds.Contains(item.Id))];
        }

        var limit = options.Value.MaxStockSavePerCall;
        if (items.Count > limit)
        {
            return MediaErrors.Invalid($"At most {limit} items per save; pass 'ids' to save the list in parts.");
        }

        var outcomes = new List<StockSaveOutcome>();
        foreach (var item in items)
        {
            if (item.SavedMediaId is { } saved && await library.GetAsync(accountId, saved, cancellationToken) is not null)
            {
                outcomes.Add(new StockSaveOutcome(item.Id, saved, null));
                continue;
            }

            outcomes.Add(await SaveOneAsync(accountId, list, item, cancellationToken));
        }

        return outcomes;
    }

    private async Task<StockSaveOutcome> SaveOneAsync(string accountId, MediaStockList list, MediaStockItem item, CancellationToken cancellationToken)
    {
        var fetched = await fetcher.FetchAsync(item.Url, cancellationToken);
        if (!fetched.IsSuccess)
        {
            return new StockSaveOutcome(item.Id, null, fetched.Error.Message);
        }

        using var content = new MemoryStream(fetched.Value.Body, writable: false);
        var uploaded = await library.UploadAsync(
            accountId, content, fetched.Value.Body.LongLength, new MediaUpload(fetched.Value.FileName, item.Title, list.Name, [], null), cancellationToken);
        if (!uploaded.IsSuccess)
        {
            return new StockSaveOutcome(item.Id, null, uploaded.Error.Message);
        }

        await store.MarkSavedAsync(accountId, item.Id, uploaded.Value.Id, cancellationToken);
        return new StockSaveOutcome(item.Id, uploaded.Value.Id, null);
    }
}
