using Microsoft.Extensions.DependencyInjection;
using Tessera.Storage;

namespace Tessera.Media;

/// <summary>
/// An asset's bytes, whole, for the work that needs them in memory (decoding, OCR, labelling, an edit's layers): read
/// from its blob into one buffer sized from the asset. Null when the blob is gone (purged meanwhile) or larger than the
/// caller allows. Everything that streams a file to a client reads the blob itself instead.
/// </summary>
public sealed class MediaFileReader([FromKeyedServices(MediaBlobs.Key)] IBlobStore blobs)
{
    public async Task<byte[]?> ReadAsync(MediaAsset asset, CancellationToken cancellationToken, long maxBytes = long.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(asset);
        if (asset.Size > maxBytes)
        {
            return null;
        }

        await using var stream = await blobs.OpenReadAsync(asset.BlobHash, cancellationToken);
        if (stream is null)
        {
            return null;
        }

        using var copy = new MemoryStream((int)Math.Min(asset.Size, Array.MaxLength));
        await stream.CopyToAsync(copy, cancellationToken);
        return copy.ToArray();
    }
}
