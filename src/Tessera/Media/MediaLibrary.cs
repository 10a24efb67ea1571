using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Tessera.Common;
using Tessera.Storage;

namespace Tessera.Media;

/// <summary>
/// What an upload brings besides its bytes: with <see cref="AutoTag"/> the analysis adds the image's labels to its tags;
/// <see cref="Labels"/> are labels already known (a scrape's <c>ai_labeling</c>), searchable at once.
/// </summary>
public sealed record MediaUpload(string FileName, string? Name, string? Group, IReadOnlyList<string?> Tags, long? FolderId, bool AutoTag = false, string? Labels = null);

/// <summary>
/// The library's operations (docs/pixels-ocean.md): uploads into content-addressed blobs, metadata and tags, trash,
/// restore and purge, bulk actions over the caller's own assets (all or nothing). Analysis runs afterwards
/// (<see cref="MediaAnalysisWorker"/>); every read and write is scoped to the calling account.
/// </summary>
public sealed class MediaLibrary(
    MediaStore store, [FromKeyedServices(MediaBlobs.Key)] IBlobStore blobs, IOptions<MediaOptions> options, MediaAnalysisSignal analysis)
{
    private readonly MediaInput _input = new(options.Value);

    public MediaInput Input => _input;

    public MediaOptions Options => options.Value;

    public async Task<Result<MediaAsset>> UploadAsync(string accountId, Stream content, long length, MediaUpload upload, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        if (length > limits.MaxUploadBytes)
        {
            return TooLarge(limits);
        }

        if (length == 0)
        {
            return MediaErrors.Invalid("The file is empty.");
        }

        var name = _input.OptionalName(upload.Name, "name");
        var group = _input.OptionalName(upload.Group, "group");
        var tags = _input.Tags(upload.Tags);
        var fileName = SafeFileName(upload.FileName);
        if (!name.IsSuccess)
        {
            return name.Error;
        }

        if (!group.IsSuccess)
        {
            return group.Error;
        }

        if (!tags.IsSuccess)
        {
            return tags.Error;
        }

        var data = new byte[length];
        await content.ReadExactlyAsync(data, cancellationToken);
        if (MediaSniffer.Sniff(data) is not { } type)
        {
            return MediaErrors.Invalid("Unsupported file type: upload an image (PNG, JPEG, GIF, WebP, AVIF), a video (MP4, MOV, WebM, AVI) or a document (PDF, ZIP).");
        }

        int? width = null, height = null;
        if (type.Kind == AssetKind.Image)
        {
            var size = MediaProbe.ImageSize(data, limits);
            if (!size.IsSuccess)
            {
                return size.Error;
            }

            (width, height) = size.Value;
        }

        var hash = await blobs.PutAsync(data, cancellationToken);
        var inserted = await store.InsertAsync(
            new NewMediaAsset(accountId, hash, name.Value ?? fileName, fileName, group.Value, upload.FolderId, type, length, width, height, tags.Value, upload.AutoTag, upload.Labels),
            limits.MaxAssetsPerAccount, cancellationToken);
        if (!inserted.IsSuccess)
        {
            // The file was written first; it goes again unless another asset counts it (then the row keeps it).
            await store.CollectUncountedBlobAsync(hash, blobs, cancellationToken);
            return inserted.Error;
        }

        // A purge of the same bytes may have deleted the file between the write above and this asset's row: write it again.
        if (!await blobs.ExistsAsync(hash, cancellationToken))
        {
            await blobs.PutAsync(data, cancellationToken);
        }

        analysis.Wake();
        return inserted;
    }

    public Task<MediaAsset?> GetAsync(string accountId, long id, CancellationToken cancellationToken) =>
        store.GetAsync(accountId, id, includeTrashed: false, cancellationToken);

    /// <summary>A list or search; <c>color</c> must be <c>#rrggbb</c> (or <c>#rgb</c>).</summary>
    public async Task<Result<MediaPage>> QueryAsync(string accountId, MediaQuery query, CancellationToken cancellationToken)
    {
        if (query.Color is { } color && !Imaging.ColourScience.TryParseHex(color, out _, out _, out _))
        {
            return MediaErrors.Invalid("'color' must be a hex colour like #3b82f6.");
        }

        return await store.QueryAsync(accountId, query, cancellationToken);
    }

    public Task<Result<MediaAsset>> UpdateAsync(string accountId, long id, MediaChange change, CancellationToken cancellationToken) =>
        store.UpdateAsync(accountId, id, change, cancellationToken);

    /// <summary><c>add</c> (default), <c>remove</c> or <c>replace</c> the asset's tags.</summary>
    public async Task<Result<MediaAsset>> ChangeTagsAsync(string accountId, long id, string? action, IReadOnlyList<string?> tags, CancellationToken cancellationToken)
    {
        var given = _input.Tags(tags);
        if (!given.IsSuccess)
        {
            return given.Error;
        }

        if (await store.GetAsync(accountId, id, includeTrashed: false, cancellationToken) is not { } asset)
        {
            return MediaErrors.AssetNotFound(id);
        }

        IEnumerable<string?> next = (action ?? "add") switch
        {
            "add" => asset.Tags.Concat(given.Value),
            "remove" => asset.Tags.Where(tag => !given.Value.Contains(tag, StringComparer.Ordinal)),
            "replace" => given.Value,
            _ => [],
        };
        if (action is not (null or "add" or "remove" or "replace"))
        {
            return MediaErrors.Invalid("'action' must be add, remove or replace.");
        }

        var result = _input.Tags(next);
        return result.IsSuccess ? await store.UpdateAsync(accountId, id, new MediaChange(Tags: result.Value), cancellationToken) : result.Error;
    }

    /// <summary>Moves the caller's asset to the trash (kept for <see cref="MediaOptions.TrashRetention"/>).</summary>
    public async Task<Result<MediaAsset>> TrashAsync(string accountId, long id, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(accountId, id, includeTrashed: false, cancellationToken) is null)
        {
            return MediaErrors.AssetNotFound(id);
        }

        await store.SetTrashedAsync(accountId, [id], trashed: true, cancellationToken);
        return (await store.GetAsync(accountId, id, includeTrashed: true, cancellationToken))!;
    }

    public async Task<Result<MediaAsset>> RestoreAsync(string accountId, long id, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(accountId, id, includeTrashed: true, cancellationToken) is not { Trashed: true })
        {
            return new Error("not_found", $"Media {id} is not in your trash.", 404);
        }

        await store.SetTrashedAsync(accountId, [id], trashed: false, cancellationToken);
        return (await store.GetAsync(accountId, id, includeTrashed: false, cancellationToken))!;
    }

    /// <summary>Deletes the caller's assets for good (trashed or not); a blob goes when no asset names it any more.</summary>
    public async Task<Result<int>> PurgeAsync(string accountId, IReadOnlyList<long> ids, CancellationToken cancellationToken)
    {
        var owned = await store.GetManyAsync(accountId, ids, cancellationToken);
        if (owned.Count != ids.Count)
        {
            return NotAllFound(ids, owned);
        }

        foreach (var hash in await store.PurgeAsync(accountId, ids, cancellationToken))
        {
            await store.CollectBlobAsync(hash, blobs, cancellationToken);
        }

        return owned.Count;
    }

    /// <summary>
    /// One action over several of the caller's assets: every id must be the caller's (else nothing changes and the
    /// answer names the ids not found); then the action applies to all, in one transaction where it writes.
    /// </summary>
    public async Task<Result<MediaBulkResult>> BulkAsync(string accountId, MediaBulk bulk, CancellationToken cancellationToken)
    {
        var ids = _input.Ids(bulk.Ids);
        if (!ids.IsSuccess)
        {
            return ids.Error;
        }

        if (bulk.Action is not ("trash" or "restore" or "purge" or "move" or "tag" or "list"))
        {
            return MediaErrors.Invalid("'action' must be one of trash, restore, purge, move, tag, list.");
        }

        var owned = await store.GetManyAsync(accountId, ids.Value, cancellationToken);
        if (owned.Count != ids.Value.Count)
        {
            return NotAllFound(ids.Value, owned);
        }

        switch (bulk.Action)
        {
            case "trash":
                await store.SetTrashedAsync(accountId, ids.Value, trashed: true, cancellationToken);
                break;
            case "restore":
                await store.SetTrashedAsync(accountId, ids.Value, trashed: false, cancellationToken);
                break;
            case "purge":
                var purged = await PurgeAsync(accountId, ids.Value, cancellationToken);
                if (!purged.IsSuccess)
                {
                    return purged.Error;
                }

                return new MediaBulkResult(bulk.Action, [.. ids.Value.Select(id => new MediaBulkItem(id, "purged"))], []);
            case "move":
                var moved = await store.MoveAsync(accountId, ids.Value, bulk.FolderId, cancellationToken);
                if (!moved.IsSuccess)
                {
                    return moved.Error;
                }

                break;
            case "tag":
                var tags = _input.Tags(bulk.Tags ?? []);
                if (!tags.IsSuccess || tags.Value.Count == 0)
                {
                    return tags.IsSuccess ? MediaErrors.Invalid("'tags' must name at least one tag for the tag action.") : tags.Error;
                }

                var merged = new List<(long Id, IReadOnlyList<string> Tags)>(owned.Count);
                foreach (var asset in owned)
                {
                    var next = _input.Tags(asset.Tags.Concat(tags.Value));
                    if (!next.IsSuccess)
                    {
                        return next.Error with { Message = $"Media {asset.Id}: {next.Error.Message} Nothing was changed." };
                    }

                    merged.Add((asset.Id, next.Value));
                }

                foreach (var (id, assetTags) in merged)
                {
                    await store.UpdateAsync(accountId, id, new MediaChange(Tags: assetTags), cancellationToken);
                }

                break;
        }

        var after = await store.GetManyAsync(accountId, ids.Value, cancellationToken);
        var byId = after.ToDictionary(asset => asset.Id);
        var status = bulk.Action switch { "trash" => "trashed", "restore" => "restored", "move" => "moved", "tag" => "tagged", _ => "ok" };
        return new MediaBulkResult(bulk.Action, [.. ids.Value.Select(id => new MediaBulkItem(id, status))], [.. ids.Value.Select(id => byId[id])]);
    }

    /// <summary>The file's name as kept: its last path segment, control characters dropped, bounded; "upload" when none.</summary>
    internal static string SafeFileName(string? fileName)
    {
        var name = Path.GetFileName((fileName ?? "").Replace('\\', '/'));
        name = new string([.. name.Where(c => !char.IsControl(c))]).Trim();
        if (name.Length > 120)
        {
            name = name[^120..];
        }

        return name.Length == 0 ? "upload" : name;
    }

    private static Error TooLarge(MediaOptions limits) =>
        new("file_too_large", $"The file is larger than the upload limit of {limits.MaxUploadBytes / (1024 * 1024)} MB.", 413);

    private static Error NotAllFound(IReadOnlyList<long> ids, List<MediaAsset> owned)
    {
        var missing = ids.Except(owned.Select(asset => asset.Id)).Take(20);
        return new Error("not_found", $"Media not found: {string.Join(", ", missing)}. Nothing was changed.", 404);
    }

    /// <summary>A content hash as the blob store names it (for tests and tools that check deduplication).</summary>
    public static string HashOf(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));
}

/// <summary>A bulk call: <c>ids</c>, <c>action</c>, and <c>folder_id</c> (move) or <c>tags</c> (tag).</summary>
public sealed record MediaBulk(IReadOnlyList<long>? Ids, string? Action, long? FolderId, IReadOnlyList<string?>? Tags);

public sealed record MediaBulkItem(long Id, string Status);

/// <summary>Per id what happened, and the assets as they are after (empty after a purge).</summary>
public sealed record MediaBulkResult(string Action, IReadOnlyList<MediaBulkItem> Results, IReadOnlyList<MediaAsset> Items);
