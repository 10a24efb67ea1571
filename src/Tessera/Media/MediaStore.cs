using System.Text.Json;
using Tessera.Common;
using Tessera.Storage;

namespace Tessera.Media;

/// <summary>What an upload adds: the blob is already in the media blob store under <see cref="BlobHash"/>.</summary>
public sealed record NewMediaAsset(
    string AccountId, string BlobHash, string Name, string FileName, string? Group, long? FolderId, AssetType Type, long Size,
    int? Width, int? Height, IReadOnlyList<string> Tags, bool AutoTag = false, string? Labels = null);

/// <summary>
/// The library's tables (Media/Migrations). Every statement names the account, so no call reaches another account's
/// rows; writes go through <see cref="DatabaseWrites"/> and keep the full-text index in the same transaction as the row.
/// </summary>
public sealed class MediaStore(TesseraDatabase database, TimeProvider time, Microsoft.Extensions.Options.IOptions<MediaOptions> options)
{
    public TesseraDatabase Database => database;

    public async Task<Result<MediaAsset>> InsertAsync(NewMediaAsset asset, int maxAssets, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var result = await database.WriteAsync<Result<long>>(
            async write =>
            {
                var count = await write.Sql("SELECT COUNT(*) FROM media_assets WHERE account_id = @account").With("@account", asset.AccountId).ScalarLongAsync(cancellationToken);
                if (count >= maxAssets)
                {
                    return MediaErrors.TooMany("assets", maxAssets);
                }

                if (asset.FolderId is { } folder && !await FolderExistsAsync(write, asset.AccountId, folder, cancellationToken))
                {
                    return MediaErrors.FolderNotFound(folder);
                }

                await write.Sql("""
                    INSERT INTO media_blobs (hash, size, refs) VALUES (@hash, @size, 1)
                    ON CONFLICT (hash) DO UPDATE SET refs = media_blobs.refs + 1
                    """).With("@hash", asset.BlobHash).With("@size", asset.Size).ExecuteNonQueryAsync(cancellationToken);
                var id = await write.Sql("""
                    INSERT INTO media_assets (account_id, blob_hash, name, file_name, group_name, folder_id, kind, content_type, size, width, height, tags, created_at, updated_at, auto_tag, labels)
                    VALUES (@account, @hash, @name, @file, @group, @folder, @kind, @type, @size, @width, @height, @tags, @now, @now, @auto, @labels)
                    RETURNING id
                    """)
                    .With("@account", asset.AccountId).With("@hash", asset.BlobHash).With("@name", asset.Name).With("@file", asset.FileName)
                    .With("@group", asset.Group).With("@folder", asset.FolderId).With("@kind", asset.Type.Kind).With("@type", asset.Type.ContentType)
                    .With("@size", asset.Size).With("@width", asset.Width).With("@height", asset.Height)
                    .With("@tags", JsonSerializer.Serialize(asset.Tags)).With("@now", now)
                    .With("@auto", asset.AutoTag ? 1 : 0).With("@labels", asset.Labels)
                    .ScalarLongAsync(cancellationToken);
                await ReplaceTagsAsync(write, asset.AccountId, id, asset.Tags, cancellationToken);
                await ReindexAsync(write, id, cancellationToken);
                return id;
            },
            static r => r.IsSuccess, prepare: false, cancellationToken);
        return result.IsSuccess ? (await GetAsync(asset.AccountId, result.Value, includeTrashed: true, cancellationToken))! : result.Error;
    }

    public async Task<MediaAsset?> GetAsync(string accountId, long id, bool includeTrashed, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            $"SELECT {MediaRows.Columns} FROM media_assets a WHERE a.id = @id AND a.account_id = @account" + (includeTrashed ? "" : " AND a.trashed_at IS NULL"))
            .With("@id", id).With("@account", accountId);
        var rows = await MediaRows.ReadAllAsync(command, cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>Any account's asset, for routes whose credential is a signature, not a key (signed file URLs).</summary>
    public async Task<MediaAsset?> GetByIdAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command($"SELECT {MediaRows.Columns} FROM media_assets a WHERE a.id = @id").With("@id", id);
        var rows = await MediaRows.ReadAllAsync(command, cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>The caller's assets among <paramref name="ids"/> (trashed included), in no particular order.</summary>
    public async Task<List<MediaAsset>> GetManyAsync(string accountId, IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("");
        command.CommandText = $"SELECT {MediaRows.Columns} FROM media_assets a WHERE a.account_id = @account AND a.id IN ({InList(command, ids)})";
        command.With("@account", accountId);
        return await MediaRows.ReadAllAsync(command, cancellationToken);
    }

    public async Task<MediaPage> QueryAsync(string accountId, MediaQuery query, CancellationToken cancellationToken)
    {
        var terms = MediaQuerySql.Terms(query.Text);
        await using var connection = await database.OpenAsync(cancellationToken);
        if (query.Color is { } color)
        {
            return await MediaColourSearch.QueryAsync(connection, database.IsSqlite, accountId, query, terms, Imaging.ColourScience.FromHex(color), cancellationToken);
        }

        await using var page = connection.Command("");
        var (fromWhere, order) = MediaQuerySql.Build(page, database.IsSqlite, accountId, query, terms);
        page.CommandText = $"SELECT {MediaRows.Columns} {fromWhere} ORDER BY {order}{MediaQuerySql.Page(query)}";
        var items = await MediaRows.ReadAllAsync(page, cancellationToken);
        long total;
        if (query.Offset == 0 && items.Count < query.Limit)
        {
            total = items.Count;
        }
        else
        {
            await using var count = connection.Command("");
            var (countFromWhere, _) = MediaQuerySql.Build(count, database.IsSqlite, accountId, query, terms);
            count.CommandText = "SELECT COUNT(*) " + countFromWhere;
            total = await count.ScalarLongAsync(cancellationToken);
        }

        return new MediaPage(items, total);
    }

    /// <summary>Applies <paramref name="change"/> to the caller's asset in one transaction; 404 when it is not theirs.</summary>
    public async Task<Result<MediaAsset>> UpdateAsync(string accountId, long id, MediaChange change, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var result = await database.WriteAsync<Result<bool>>(
            async write =>
            {
                var exists = await write.Sql("SELECT COUNT(*) FROM media_assets WHERE id = @id AND account_id = @account AND trashed_at IS NULL")
                    .With("@id", id).With("@account", accountId).ScalarLongAsync(cancellationToken);
                if (exists == 0)
                {
                    return MediaErrors.AssetNotFound(id);
                }

                if (change.SetFolder && change.FolderId is { } folder && !await FolderExistsAsync(write, accountId, folder, cancellationToken))
                {
                    return MediaErrors.FolderNotFound(folder);
                }

                await write.Sql("""
                    UPDATE media_assets SET
                        name = COALESCE(@name, name),
                        group_name = CASE WHEN @set_group = 1 THEN @group ELSE group_name END,
                        folder_id = CASE WHEN @set_folder = 1 THEN @folder ELSE folder_id END,
                        tags = COALESCE(@tags, tags),
                        mirror_url = COALESCE(@mirror, mirror_url),
                        updated_at = @now
                    WHERE id = @id AND account_id = @account
                    """)
                    .With("@name", change.Name).With("@set_group", change.SetGroup ? 1 : 0).With("@group", change.Group)
                    .With("@set_folder", change.SetFolder ? 1 : 0).With("@folder", change.FolderId)
                    .With("@tags", change.Tags is null ? null : JsonSerializer.Serialize(change.Tags))
                    .With("@mirror", change.MirrorUrl)
                    .With("@now", now).With("@id", id).With("@account", accountId)
                    .ExecuteNonQueryAsync(cancellationToken);
                if (change.Tags is not null)
                {
                    await ReplaceTagsAsync(write, accountId, id, change.Tags, cancellationToken);
                }

                await ReindexAsync(write, id, cancellationToken);
                return true;
            },
            static r => r.IsSuccess, prepare: false, cancellationToken);
        return result.IsSuccess ? (await GetAsync(accountId, id, includeTrashed: false, cancellationToken))! : result.Error;
    }

    /// <summary>Trashes or restores the caller's <paramref name="ids"/> (all of which the caller checked are theirs).</summary>
    public async Task SetTrashedAsync(string accountId, IReadOnlyCollection<long> ids, bool trashed, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await database.WriteAsync(
            async write =>
            {
                var command = write.Sql("");
                command.CommandText = $"UPDATE media_assets SET trashed_at = @trashed, updated_at = @now WHERE account_id = @account AND id IN ({InList(command, ids)})";
                await command.With("@trashed", trashed ? now : null).With("@now", now).With("@account", accountId).ExecuteNonQueryAsync(cancellationToken);
                return true;
            },
            static _ => true, prepare: false, cancellationToken);
    }

    /// <summary>Moves the caller's <paramref name="ids"/> into a folder of theirs (null: out of every folder).</summary>
    public async Task<Result<bool>> MoveAsync(string accountId, IReadOnlyCollection<long> ids, long? folderId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        return await database.WriteAsync<Result<bool>>(
            async write =>
            {
                if (folderId is { } folder && !await FolderExistsAsync(write, accountId, folder, cancellationToken))
                {
                    return MediaErrors.FolderNotFound(folder);
                }

                var command = write.Sql("");
                command.CommandText = $"UPDATE media_assets SET folder_id = @folder, updated_at = @now WHERE account_id = @account AND id IN ({InList(command, ids)})";
                await command.With("@folder", folderId).With("@now", now).With("@account", accountId).ExecuteNonQueryAsync(cancellationToken);
                return true;
            },
            static r => r.IsSuccess, prepare: false, cancellationToken);
    }

    /// <summary>
    /// Deletes the caller's <paramref name="ids"/> for good and counts their blobs out; returns the hashes whose count
    /// reached zero (their files are deleted by <see cref="CollectBlobAsync"/>).
    /// </summary>
    public async Task<IReadOnlyList<string>> PurgeAsync(string accountId, IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        return await database.WriteAsync(
            async write =>
            {
                var select = write.Sql("");
                select.CommandText = $"SELECT id, blob_hash FROM media_assets WHERE account_id = @account AND id IN ({InList(select, ids)})";
                select.With("@account", accountId);
                var rows = new List<(long Id, string Hash)>();
                await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
                {
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        rows.Add((reader.GetInt64(0), reader.GetString(1)));
                    }
                }

                var orphans = new List<string>();
                foreach (var (id, hash) in rows)
                {
                    if (database.IsSqlite)
                    {
                        await write.Sql("DELETE FROM media_search WHERE rowid = @id").With("@id", id).ExecuteNonQueryAsync(cancellationToken);
                    }

                    await write.Sql("DELETE FROM media_assets WHERE id = @id AND account_id = @account").With("@id", id).With("@account", accountId).ExecuteNonQueryAsync(cancellationToken);
                    var refs = await write.Sql("UPDATE media_blobs SET refs = refs - 1 WHERE hash = @hash RETURNING refs").With("@hash", hash).ScalarLongAsync(cancellationToken);
                    if (refs <= 0)
                    {
                        orphans.Add(hash);
                    }
                }

                return (IReadOnlyList<string>)orphans.Distinct(StringComparer.Ordinal).ToList();
            },
            static _ => true, prepare: false, cancellationToken);
    }

    /// <summary>
    /// Deletes the blob <paramref name="hash"/> when no asset counts it any more: the row and the file go in one
    /// transaction, so an upload of the same bytes either finds the row still counted or adds a new one after, and then
    /// writes its file again (<see cref="MediaLibrary"/>).
    /// </summary>
    public Task<bool> CollectBlobAsync(string hash, IBlobStore blobs, CancellationToken cancellationToken) =>
        database.WriteAsync(
            async write =>
            {
                var deleted = await write.Sql("DELETE FROM media_blobs WHERE hash = @hash AND refs <= 0").With("@hash", hash).ExecuteNonQueryAsync(cancellationToken);
                if (deleted == 1)
                {
                    await MediaDerivatives.DeleteForAsync(write, hash, blobs, cancellationToken);
                    await blobs.DeleteAsync(hash, cancellationToken);
                }

                return deleted == 1;
            },
            static _ => true, prepare: false, cancellationToken);

    /// <summary>
    /// After a failed insert: deletes the file just written unless an asset counts it (then its row keeps it), under the
    /// same transaction rule as <see cref="CollectBlobAsync"/>.
    /// </summary>
    public Task<bool> CollectUncountedBlobAsync(string hash, IBlobStore blobs, CancellationToken cancellationToken) =>
        database.WriteAsync(
            async write =>
            {
                var counted = await write.Sql("SELECT COUNT(*) FROM media_blobs WHERE hash = @hash").With("@hash", hash).ScalarLongAsync(cancellationToken);
                return counted == 0 && await blobs.DeleteAsync(hash, cancellationToken);
            },
            static _ => true, prepare: false, cancellationToken);

    /// <summary>Trashed assets older than <paramref name="cutoff"/>, oldest first, as (account, id).</summary>
    public async Task<List<(string AccountId, long Id)>> ExpiredTrashAsync(DateTimeOffset cutoff, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var reader = await connection.Command("SELECT account_id, id FROM media_assets WHERE trashed_at IS NOT NULL AND trashed_at < @cutoff ORDER BY trashed_at LIMIT @limit")
            .With("@cutoff", cutoff.ToUnixTimeMilliseconds()).With("@limit", limit).ExecuteReaderAsync(cancellationToken);
        var list = new List<(string, long)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add((reader.GetString(0), reader.GetInt64(1)));
        }

        return list;
    }

    /// <summary>Assets whose analysis has not run yet, oldest first, and whether their upload asked for <c>auto_tag</c>.</summary>
    public async Task<List<(long Id, string BlobHash, string Kind, bool AutoTag)>> PendingAnalysisAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var reader = await connection.Command("SELECT id, blob_hash, kind, auto_tag FROM media_assets WHERE analysis = 'pending' ORDER BY id LIMIT @limit")
            .With("@limit", limit).ExecuteReaderAsync(cancellationToken);
        var list = new List<(long, string, string, bool)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3) != 0));
        }

        return list;
    }

    /// <summary>
    /// Writes what analysis found (and the colours' Lab values for the colour search), adds its <c>auto_tag</c> labels to
    /// the tags (after the asset's own, up to <see cref="MediaOptions.MaxTagsPerAsset"/>), and re-indexes the text. Labels
    /// an upload brought (a scrape's <c>ai_labeling</c>) stay when analysis found none.
    /// </summary>
    public Task SaveAnalysisAsync(long id, MediaAnalysisResult analysis, CancellationToken cancellationToken) =>
        database.WriteAsync(
            async write =>
            {
                var accountId = (string?)await write.Sql("SELECT account_id FROM media_assets WHERE id = @id").With("@id", id).ExecuteScalarAsync(cancellationToken);
                if (accountId is null)
                {
                    return false;
                }

                await write.Sql("""
                    UPDATE media_assets SET width = COALESCE(@width, width), height = COALESCE(@height, height), colors = @colors, phash = @phash,
                        ocr_text = @ocr, labels = COALESCE(@labels, labels), analysis = @analysis
                    WHERE id = @id
                    """)
                    .With("@width", analysis.Width).With("@height", analysis.Height)
                    .With("@colors", analysis.Colours.Count == 0 ? null : JsonSerializer.Serialize(analysis.Colours, MediaRows.Web))
                    .With("@phash", analysis.PerceptualHash is { } hash ? unchecked((long)hash) : null)
                    .With("@ocr", analysis.OcrText).With("@labels", analysis.Labels)
                    .With("@analysis", analysis.Failed ? "failed" : "done").With("@id", id)
                    .ExecuteNonQueryAsync(cancellationToken);
                await write.Sql("DELETE FROM media_colors WHERE asset_id = @id").With("@id", id).ExecuteNonQueryAsync(cancellationToken);
                for (var rank = 0; rank < analysis.Lab.Count; rank++)
                {
                    var (l, a, b, share) = analysis.Lab[rank];
                    await write.Sql("INSERT INTO media_colors (asset_id, account_id, rank, l, a, b, share, cell) VALUES (@id, @account, @rank, @l, @a, @b, @share, @cell)")
                        .With("@cell", LabCells.Of(l, a, b)).With("@id", id).With("@account", accountId).With("@rank", rank).With("@l", l).With("@a", a).With("@b", b).With("@share", share)
                        .ExecuteNonQueryAsync(cancellationToken);
                }

                if (analysis.AutoTags is { Count: > 0 } autoTags)
                {
                    await AddTagsAsync(write, accountId, id, autoTags, cancellationToken);
                }

                await ReindexAsync(write, id, cancellationToken);
                return true;
            },
            static _ => true, prepare: false, cancellationToken);

    /// <summary>Appends <paramref name="added"/> to the asset's tags (those it lacks, while there is room), in the row and the tag table.</summary>
    private async Task AddTagsAsync(WriteCommands write, string accountId, long id, IReadOnlyList<string> added, CancellationToken cancellationToken)
    {
        var json = (string?)await write.Sql("SELECT tags FROM media_assets WHERE id = @id").With("@id", id).ExecuteScalarAsync(cancellationToken);
        var tags = JsonSerializer.Deserialize<List<string>>(json ?? "[]") ?? [];
        foreach (var tag in added.Where(tag => !tags.Contains(tag, StringComparer.Ordinal)))
        {
            if (tags.Count >= options.Value.MaxTagsPerAsset)
            {
                break;
            }

            tags.Add(tag);
        }

        await write.Sql("UPDATE media_assets SET tags = @tags WHERE id = @id").With("@tags", JsonSerializer.Serialize(tags)).With("@id", id).ExecuteNonQueryAsync(cancellationToken);
        await ReplaceTagsAsync(write, accountId, id, tags, cancellationToken);
    }

    internal static async Task<bool> FolderExistsAsync(WriteCommands write, string accountId, long folderId, CancellationToken cancellationToken) =>
        await write.Sql("SELECT COUNT(*) FROM media_folders WHERE id = @folder AND account_id = @account")
            .With("@folder", folderId).With("@account", accountId).ScalarLongAsync(cancellationToken) > 0;

    /// <summary>Binds <paramref name="ids"/> as <c>@id0, @id1 ...</c> and returns that list for an <c>IN (...)</c>.</summary>
    internal static string InList(System.Data.Common.DbCommand command, IReadOnlyCollection<long> ids)
    {
        var names = new List<string>(ids.Count);
        var i = 0;
        foreach (var id in ids)
        {
            var name = "@id" + i++.ToString(System.Globalization.CultureInfo.InvariantCulture);
            command.With(name, id);
            names.Add(name);
        }

        return string.Join(", ", names);
    }

    private static async Task ReplaceTagsAsync(WriteCommands write, string accountId, long id, IReadOnlyList<string> tags, CancellationToken cancellationToken)
    {
        await write.Sql("DELETE FROM media_tags WHERE asset_id = @id").With("@id", id).ExecuteNonQueryAsync(cancellationToken);
        foreach (var tag in tags)
        {
            await write.Sql("INSERT INTO media_tags (asset_id, account_id, tag) VALUES (@id, @account, @tag) ON CONFLICT DO NOTHING")
                .With("@id", id).With("@account", accountId).With("@tag", tag).ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Rewrites the asset's full-text entry from its row (name, tags, group, OCR text, labels).</summary>
    private async Task ReindexAsync(WriteCommands write, long id, CancellationToken cancellationToken)
    {
        if (database.IsSqlite)
        {
            await write.Sql("DELETE FROM media_search WHERE rowid = @id").With("@id", id).ExecuteNonQueryAsync(cancellationToken);
            await write.Sql("""
                INSERT INTO media_search (rowid, name, tags, group_name, ocr_text, labels)
                SELECT id, name, (SELECT group_concat(tag, ' ') FROM media_tags WHERE asset_id = @id), group_name, ocr_text, labels
                FROM media_assets WHERE id = @id
                """).With("@id", id).ExecuteNonQueryAsync(cancellationToken);
            return;
        }

        await write.Sql("""
            UPDATE media_assets SET search =
                setweight(to_tsvector('simple', name), 'A') ||
                setweight(to_tsvector('simple', COALESCE((SELECT string_agg(tag, ' ') FROM media_tags WHERE asset_id = @id), '')), 'A') ||
                setweight(to_tsvector('simple', COALESCE(group_name, '')), 'B') ||
                setweight(to_tsvector('simple', COALESCE(labels, '')), 'B') ||
                setweight(to_tsvector('simple', COALESCE(ocr_text, '')), 'C')
            WHERE id = @id
            """).With("@id", id).ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>A metadata change: null fields stay as they are; group and folder can be cleared (Set… with a null value).</summary>
public sealed record MediaChange(
    string? Name = null, bool SetGroup = false, string? Group = null, bool SetFolder = false, long? FolderId = null, IReadOnlyList<string>? Tags = null,
    string? MirrorUrl = null);
