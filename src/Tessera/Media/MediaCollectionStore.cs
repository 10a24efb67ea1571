using System.Data.Common;
using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;
using Tessera.Common;
using Tessera.Storage;

namespace Tessera.Media;

/// <summary>
/// Collections and their share links. A share token is 128 random bits; the password, when there is one, is stored
/// only as an ASP.NET Core Identity password hash (PBKDF2), never in clear.
/// </summary>
public sealed class MediaCollectionStore(TesseraDatabase database, TimeProvider time)
{
    private const string Columns =
        "c.id, c.account_id, c.name, c.description, c.share_token, c.share_public, c.share_password, c.created_at, " +
        "(SELECT COUNT(*) FROM media_collection_items i JOIN media_assets a ON a.id = i.asset_id WHERE i.collection_id = c.id AND a.trashed_at IS NULL)";

    public async Task<List<MediaCollection>> ListAsync(string accountId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command($"SELECT {Columns} FROM media_collections c WHERE c.account_id = @account ORDER BY c.id").With("@account", accountId);
        return await ReadAsync(command, cancellationToken);
    }

    public async Task<MediaCollection?> GetAsync(string accountId, long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command($"SELECT {Columns} FROM media_collections c WHERE c.id = @id AND c.account_id = @account")
            .With("@id", id).With("@account", accountId);
        return (await ReadAsync(command, cancellationToken)).FirstOrDefault();
    }

    /// <summary>The collection a share token opens, with its stored password hash; null when no shared collection has it.</summary>
    public async Task<(MediaCollection Collection, string? PasswordHash)?> FindSharedAsync(string token, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var reader = await connection.Command($"SELECT {Columns} FROM media_collections c WHERE c.share_token = @token")
            .With("@token", token).ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var collection = Read(reader);
        return collection.SharePublic ? (collection, reader.IsDBNull(6) ? null : reader.GetString(6)) : null;
    }

    /// <summary>The collection's untrashed assets, in the order they were added.</summary>
    public async Task<List<MediaAsset>> ItemsAsync(long collectionId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command($"""
            SELECT {MediaRows.Columns} FROM media_collection_items i JOIN media_assets a ON a.id = i.asset_id
            WHERE i.collection_id = @id AND a.trashed_at IS NULL ORDER BY i.added_at, a.id
            """).With("@id", collectionId);
        return await MediaRows.ReadAllAsync(command, cancellationToken);
    }

    public Task<Result<long>> CreateAsync(string accountId, string name, string? description, int maxCollections, CancellationToken cancellationToken) =>
        database.WriteAsync<Result<long>>(
            async write =>
            {
                var count = await write.Sql("SELECT COUNT(*) FROM media_collections WHERE account_id = @account").With("@account", accountId).ScalarLongAsync(cancellationToken);
                if (count >= maxCollections)
                {
                    return MediaErrors.TooMany("collections", maxCollections);
                }

                return await write.Sql("INSERT INTO media_collections (account_id, name, description, created_at) VALUES (@account, @name, @description, @now) RETURNING id")
                    .With("@account", accountId).With("@name", name).With("@description", description)
                    .With("@now", time.GetUtcNow().ToUnixTimeMilliseconds()).ScalarLongAsync(cancellationToken);
            },
            static r => r.IsSuccess, prepare: false, cancellationToken);

    /// <summary>Adds assets (already checked to be the caller's) to the caller's collection; ones already in it stay once.</summary>
    public Task<Result<bool>> AddItemsAsync(string accountId, long id, IReadOnlyCollection<long> assetIds, CancellationToken cancellationToken) =>
        database.WriteAsync<Result<bool>>(
            async write =>
            {
                if (!await ExistsAsync(write, accountId, id, cancellationToken))
                {
                    return MediaErrors.CollectionNotFound(id);
                }

                var now = time.GetUtcNow().ToUnixTimeMilliseconds();
                foreach (var assetId in assetIds)
                {
                    await write.Sql("INSERT INTO media_collection_items (collection_id, asset_id, added_at) VALUES (@id, @asset, @now) ON CONFLICT DO NOTHING")
                        .With("@id", id).With("@asset", assetId).With("@now", now).ExecuteNonQueryAsync(cancellationToken);
                }

                return true;
            },
            static r => r.IsSuccess, prepare: false, cancellationToken);

    public Task<Result<bool>> DeleteAsync(string accountId, long id, CancellationToken cancellationToken) =>
        database.WriteAsync<Result<bool>>(
            async write =>
            {
                if (!await ExistsAsync(write, accountId, id, cancellationToken))
                {
                    return MediaErrors.CollectionNotFound(id);
                }

                await write.Sql("DELETE FROM media_collection_items WHERE collection_id = @id").With("@id", id).ExecuteNonQueryAsync(cancellationToken);
                await write.Sql("DELETE FROM media_collections WHERE id = @id AND account_id = @account").With("@id", id).With("@account", accountId).ExecuteNonQueryAsync(cancellationToken);
                return true;
            },
            static r => r.IsSuccess, prepare: false, cancellationToken);

    /// <summary>
    /// Shares the collection (<paramref name="shared"/> true: a token, made once and kept, so a link handed out stays
    /// valid; the password replaced, or removed when null) or stops sharing it (the old link stops working).
    /// </summary>
    public Task<Result<string?>> ShareAsync(string accountId, long id, bool shared, string? passwordHash, CancellationToken cancellationToken) =>
        database.WriteAsync<Result<string?>>(
            async write =>
            {
                if (!await ExistsAsync(write, accountId, id, cancellationToken))
                {
                    return MediaErrors.CollectionNotFound(id);
                }

                var token = await write.Sql("SELECT share_token FROM media_collections WHERE id = @id").With("@id", id).ExecuteScalarAsync(cancellationToken) is string existing
                    ? existing
                    : WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(16));
                await write.Sql("UPDATE media_collections SET share_token = @token, share_public = @public, share_password = @password WHERE id = @id AND account_id = @account")
                    .With("@token", token).With("@public", database.IsSqlite ? (shared ? 1 : 0) : shared).With("@password", passwordHash)
                    .With("@id", id).With("@account", accountId).ExecuteNonQueryAsync(cancellationToken);
                return shared ? token : null;
            },
            static r => r.IsSuccess, prepare: false, cancellationToken);

    private static async Task<bool> ExistsAsync(WriteCommands write, string accountId, long id, CancellationToken cancellationToken) =>
        await write.Sql("SELECT COUNT(*) FROM media_collections WHERE id = @id AND account_id = @account")
            .With("@id", id).With("@account", accountId).ScalarLongAsync(cancellationToken) > 0;

    private static async Task<List<MediaCollection>> ReadAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var list = new List<MediaCollection>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(Read(reader));
        }

        return list;
    }

    private static MediaCollection Read(DbDataReader reader) => new(
        reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetInt64(8),
        reader.IsDBNull(4) ? null : reader.GetString(4), !reader.IsDBNull(4) && Convert.ToBoolean(reader.GetValue(5), System.Globalization.CultureInfo.InvariantCulture),
        !reader.IsDBNull(6), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7)));
}
