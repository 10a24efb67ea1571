using System.Data.Common;
using Tessera.Common;
using Tessera.Storage;

namespace Tessera.Media;

/// <summary>A stock list and how many items it holds.</summary>
public sealed record MediaStockList(long Id, string Name, long Count, DateTimeOffset CreatedAt);

/// <summary>An image found elsewhere, kept on a list; <see cref="SavedMediaId"/> once a save copied it into the library.</summary>
public sealed record MediaStockItem(long Id, long ListId, string Url, string? Title, string? Source, long? SavedMediaId, DateTimeOffset CreatedAt);

/// <summary>New items for a list.</summary>
public sealed record NewStockItem(string Url, string? Title, string? Source);

/// <summary>Stock lists and their items; every statement names the account.</summary>
public sealed class MediaStockStore(TesseraDatabase database, TimeProvider time)
{
    public async Task<List<MediaStockList>> ListAsync(string accountId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var reader = await connection.Command("""
            SELECT l.id, l.name, l.created_at, (SELECT COUNT(*) FROM media_stock_items i WHERE i.list_id = l.id)
            FROM media_stock_lists l WHERE l.account_id = @account ORDER BY l.id
            """).With("@account", accountId).ExecuteReaderAsync(cancellationToken);
        var lists = new List<MediaStockList>();
        while (await reader.ReadAsync(cancellationToken))
        {
            lists.Add(new MediaStockList(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(3), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2))));
        }

        return lists;
    }

    public async Task<MediaStockList?> GetAsync(string accountId, long id, CancellationToken cancellationToken) =>
        (await ListAsync(accountId, cancellationToken)).FirstOrDefault(list => list.Id == id);

    public async Task<List<MediaStockItem>> ItemsAsync(string accountId, long listId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("""
            SELECT id, list_id, url, title, source, saved_media_id, created_at FROM media_stock_items
            WHERE list_id = @list AND account_id = @account ORDER BY id
            """).With("@list", listId).With("@account", accountId);
        var items = new List<MediaStockItem>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(Read(reader));
        }

        return items;
    }

    public Task<Result<long>> CreateAsync(string accountId, string name, int maxLists, CancellationToken cancellationToken) =>
        database.WriteAsync<Result<long>>(
            async write =>
            {
                var count = await write.Sql("SELECT COUNT(*) FROM media_stock_lists WHERE account_id = @account").With("@account", accountId).ScalarLongAsync(cancellationToken);
                if (count >= maxLists)
                {
                    return MediaErrors.TooMany("stock lists", maxLists);
                }

                return await write.Sql("INSERT INTO media_stock_lists (account_id, name, created_at) VALUES (@account, @name, @now) RETURNING id")
                    .With("@account", accountId).With("@name", name).With("@now", time.GetUtcNow().ToUnixTimeMilliseconds()).ScalarLongAsync(cancellationToken);
            },
            static r => r.IsSuccess, prepare: false, cancellationToken);

    public Task<Result<bool>> DeleteAsync(string accountId, long id, CancellationToken cancellationToken) =>
        database.WriteAsync<Result<bool>>(
            async write =>
            {
                await write.Sql("DELETE FROM media_stock_items WHERE list_id = @id AND account_id = @account").With("@id", id).With("@account", accountId).ExecuteNonQueryAsync(cancellationToken);
                var deleted = await write.Sql("DELETE FROM media_stock_lists WHERE id = @id AND account_id = @account").With("@id", id).With("@account", accountId).ExecuteNonQueryAsync(cancellationToken);
                return deleted == 1 ? true : StockListNotFound(id);
            },
            static r => r.IsSuccess, prepare: false, cancellationToken);

    public Task<Result<bool>> AddItemsAsync(string accountId, long listId, IReadOnlyList<NewStockItem> items, int maxItems, CancellationToken cancellationToken) =>
        database.WriteAsync<Result<bool>>(
            async write =>
            {
                var exists = await write.Sql("SELECT COUNT(*) FROM media_stock_lists WHERE id = @id AND account_id = @account").With("@id", listId).With("@account", accountId).ScalarLongAsync(cancellationToken);
                if (exists == 0)
                {
                    return StockListNotFound(listId);
                }

                var count = await write.Sql("SELECT COUNT(*) FROM media_stock_items WHERE list_id = @id").With("@id", listId).ScalarLongAsync(cancellationToken);
                if (count + items.Count > maxItems)
                {
                    return MediaErrors.Invalid($"A stock list holds at most {maxItems} items; this one has {count}.");
                }

                var now = time.GetUtcNow().ToUnixTimeMilliseconds();
                foreach (var item in items)
                {
                    await write.Sql("INSERT INTO media_stock_items (list_id, account_id, url, title, source, created_at) VALUES (@list, @account, @url, @title, @source, @now)")
                        .With("@list", listId).With("@account", accountId).With("@url", item.Url).With("@title", item.Title).With("@source", item.Source).With("@now", now)
                        .ExecuteNonQueryAsync(cancellationToken);
                }

                return true;
            },
            static r => r.IsSuccess, prepare: false, cancellationToken);

    public Task<Result<bool>> RemoveItemAsync(string accountId, long itemId, CancellationToken cancellationToken) =>
        database.WriteAsync<Result<bool>>(
            async write =>
            {
                var deleted = await write.Sql("DELETE FROM media_stock_items WHERE id = @id AND account_id = @account").With("@id", itemId).With("@account", accountId).ExecuteNonQueryAsync(cancellationToken);
                return deleted == 1 ? true : Error.NotFound($"Stock item {itemId} not found.");
            },
            static r => r.IsSuccess, prepare: false, cancellationToken);

    public Task MarkSavedAsync(string accountId, long itemId, long mediaId, CancellationToken cancellationToken) =>
        database.WriteAsync(
            async write => await write.Sql("UPDATE media_stock_items SET saved_media_id = @media WHERE id = @id AND account_id = @account")
                .With("@media", mediaId).With("@id", itemId).With("@account", accountId).ExecuteNonQueryAsync(cancellationToken),
            static _ => true, prepare: false, cancellationToken);

    public static Error StockListNotFound(long id) => Error.NotFound($"Stock list {id} not found.");

    private static MediaStockItem Read(DbDataReader reader) => new(
        reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
        reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetInt64(5), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)));
}
