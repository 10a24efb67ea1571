using System.Diagnostics;
using Microsoft.Extensions.Options;
using Tessera.Common;
using Tessera.Imaging;
using Tessera.Media;
using Tessera.Storage;

namespace Tessera.Editing;

/// <summary>
/// The Live Editor's use cases over the caller's library: a preview (bytes back, nothing stored) and a render (stored as a
/// new asset of the caller's library). Every media id of the edit, base and image layers, must be the caller's image or
/// the answer is a 404 naming it, exactly as if it did not exist.
/// </summary>
public sealed class LiveEditor(
    MediaLibrary library, MediaStore store, MediaFileReader files, EditRenderer renderer, PreviewGate gate,
    IOptions<EditingOptions> options, TimeProvider time, ILogger<LiveEditor> logger)
{
    public static Error TooManyPreviews(int limit) =>
        new("too_many_previews", $"At most {limit} previews of one account render at once; send the next when one is back.", 429);

    public EditingOptions Options => options.Value;

    public async Task<Result<RenderedEdit>> PreviewAsync(string accountId, Edit edit, CancellationToken cancellationToken)
    {
        using var turn = gate.TryEnter(accountId);
        if (turn is null)
        {
            return TooManyPreviews(options.Value.MaxConcurrentPreviewsPerAccount);
        }

        var sources = await SourcesAsync(accountId, edit, cancellationToken);
        if (!sources.IsSuccess)
        {
            return sources.Error;
        }

        var started = time.GetTimestamp();
        var preview = renderer.Preview(sources.Value.Sources, edit, Limits());
        if (preview.IsSuccess)
        {
            Log.Previewed(logger, preview.Value.Width, preview.Value.Height, (long)time.GetElapsedTime(started).TotalMilliseconds);
        }

        return preview;
    }

    /// <summary>Renders at full size and stores the result as a new asset: "{base name} (edited)", in the base's folder and group, tagged <c>edited</c>.</summary>
    public async Task<Result<MediaAsset>> RenderAsync(string accountId, Edit edit, CancellationToken cancellationToken)
    {
        var sources = await SourcesAsync(accountId, edit, cancellationToken);
        if (!sources.IsSuccess)
        {
            return sources.Error;
        }

        var started = time.GetTimestamp();
        var rendered = renderer.Render(sources.Value.Sources, edit, Limits());
        if (!rendered.IsSuccess)
        {
            return rendered.Error;
        }

        var source = sources.Value.Base;
        var stem = Path.GetFileNameWithoutExtension(source.FileName) is { Length: > 0 } s ? s : "image";
        var limit = library.Options.MaxNameLength;
        var name = source.Name.Length + 9 > limit ? source.Name[..Math.Max(0, limit - 9)] + " (edited)" : source.Name + " (edited)";
        var image = rendered.Value;
        using var content = new MemoryStream(image.Bytes, writable: false);
        var stored = await library.UploadAsync(
            accountId, content, image.Bytes.LongLength, new MediaUpload($"{stem}-edited.{edit.Output.Extension}", name, source.Group, ["edited"], source.FolderId), cancellationToken);
        if (stored.IsSuccess)
        {
            Log.Rendered(logger, source.Id, stored.Value.Id, image.Width, image.Height, (long)time.GetElapsedTime(started).TotalMilliseconds);
        }

        return stored;
    }

    /// <summary>The account's images of the given ids (not trashed); the first id that is not one is a 404.</summary>
    public async Task<Result<IReadOnlyList<MediaAsset>>> ImagesAsync(string accountId, IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        var found = (await store.GetManyAsync(accountId, ids, cancellationToken)).Where(asset => !asset.Trashed).ToDictionary(asset => asset.Id);
        foreach (var id in ids)
        {
            if (!found.TryGetValue(id, out var asset))
            {
                return MediaErrors.AssetNotFound(id);
            }

            if (asset.Kind != AssetKind.Image)
            {
                return MediaErrors.Invalid($"Media {id} is a {asset.Kind}; the Live Editor edits images.");
            }
        }

        return found.Values.ToList();
    }

    private ImagingOptions Limits() => new() { MaxBytes = library.Options.MaxUploadBytes, MaxPixels = library.Options.MaxImagePixels };

    private async Task<Result<(MediaAsset Base, EditSources Sources)>> SourcesAsync(string accountId, Edit edit, CancellationToken cancellationToken)
    {
        Debug.Assert(edit.BaseMediaId is not null, "a template is rendered through a batch, which sets the base");
        var baseId = edit.BaseMediaId!.Value;
        var layerIds = edit.Layers.OfType<ImageLayer>().Select(layer => layer.MediaId).Distinct().ToList();
        var images = await ImagesAsync(accountId, [baseId, .. layerIds.Where(id => id != baseId)], cancellationToken);
        if (!images.IsSuccess)
        {
            return images.Error;
        }

        var byId = images.Value.ToDictionary(asset => asset.Id);
        var baseBytes = await files.ReadAsync(byId[baseId], cancellationToken);
        if (baseBytes is null)
        {
            return MediaErrors.AssetNotFound(baseId);
        }

        var layers = new Dictionary<long, byte[]>();
        foreach (var id in layerIds)
        {
            var bytes = id == baseId ? baseBytes : await files.ReadAsync(byId[id], cancellationToken);
            if (bytes is null)
            {
                return MediaErrors.AssetNotFound(id);
            }

            layers[id] = bytes;
        }

        return (byId[baseId], new EditSources(baseBytes, byId[baseId].BlobHash, layers));
    }
}
