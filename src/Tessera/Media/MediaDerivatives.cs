using Microsoft.Extensions.Options;
using Tessera.Common;
using Tessera.Imaging;
using Tessera.Storage;

namespace Tessera.Media;

/// <summary>A derivative's bytes as served: its content hash (the ETag) and content type.</summary>
public sealed record MediaDerivative(string Hash, string ContentType, long Size);

/// <summary>
/// Optimised copies of images (<see cref="MediaTransform"/>), made by libvips on first request and kept in the media
/// blob store (<c>media_derivatives</c> names them), so every later request is a file read. Two first requests at once
/// both render and store the same bytes; one row wins. A derivative goes when its source blob is collected.
/// </summary>
public sealed class MediaDerivatives(TesseraDatabase database, [FromKeyedServices(MediaBlobs.Key)] IBlobStore blobs, IOptions<MediaOptions> options, TimeProvider time)
{
    public async Task<Result<MediaDerivative>> GetOrMakeAsync(MediaAsset asset, MediaTransform transform, CancellationToken cancellationToken)
    {
        var key = transform.ToString();
        if (await FindAsync(asset.BlobHash, key, cancellationToken) is { } found && await blobs.ExistsAsync(found.Hash, cancellationToken))
        {
            return found;
        }

        if (asset.Kind != AssetKind.Image)
        {
            return MediaErrors.Invalid("Only images can be optimised.");
        }

        await using var source = await blobs.OpenReadAsync(asset.BlobHash, cancellationToken);
        if (source is null)
        {
            return Error.NotFound("No such file.");
        }

        using var buffer = new MemoryStream();
        await source.CopyToAsync(buffer, cancellationToken);
        var limits = options.Value.ImageLimits;
        var resized = ImageTransforms.Resize(buffer.ToArray(), transform.Width, null, keepAspect: true, limits, enlarge: false);
        if (!resized.IsSuccess)
        {
            return resized.Error;
        }

        Result<byte[]> encoded;
        using (var image = resized.Value)
        {
            encoded = ImageEncoder.Encode(image.Image, transform.Format, transform.Quality);
        }

        if (!encoded.IsSuccess)
        {
            return encoded.Error;
        }

        var hash = await blobs.PutAsync(encoded.Value, cancellationToken);
        var made = new MediaDerivative(hash, ImageEncoder.ContentType(transform.Format), encoded.Value.LongLength);
        await database.WriteAsync(
            async write => await write.Sql("""
                INSERT INTO media_derivatives (source_hash, transform, hash, content_type, size, created_at) VALUES (@source, @transform, @hash, @type, @size, @now)
                ON CONFLICT (source_hash, transform) DO NOTHING
                """).With("@source", asset.BlobHash).With("@transform", key).With("@hash", hash).With("@type", made.ContentType).With("@size", made.Size)
                .With("@now", time.GetUtcNow().ToUnixTimeMilliseconds()).ExecuteNonQueryAsync(cancellationToken),
            static _ => true, prepare: false, cancellationToken);
        return made;
    }

    /// <summary>Inside the transaction that deletes a source blob's row: its derivatives' rows, and their files unless another row names them.</summary>
    internal static async Task DeleteForAsync(WriteCommands write, string sourceHash, IBlobStore blobs, CancellationToken cancellationToken)
    {
        var hashes = new List<string>();
        await using (var reader = await write.Sql("SELECT hash FROM media_derivatives WHERE source_hash = @source").With("@source", sourceHash).ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                hashes.Add(reader.GetString(0));
            }
        }

        await write.Sql("DELETE FROM media_derivatives WHERE source_hash = @source").With("@source", sourceHash).ExecuteNonQueryAsync(cancellationToken);
        foreach (var hash in hashes.Distinct(StringComparer.Ordinal))
        {
            var stillNamed = await write.Sql("SELECT (SELECT COUNT(*) FROM media_derivatives WHERE hash = @hash) + (SELECT COUNT(*) FROM media_blobs WHERE hash = @hash)")
                .With("@hash", hash).ScalarLongAsync(cancellationToken);
            if (stillNamed == 0)
            {
                await blobs.DeleteAsync(hash, cancellationToken);
            }
        }
    }

    private async Task<MediaDerivative?> FindAsync(string sourceHash, string transform, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var reader = await connection.Command("SELECT hash, content_type, size FROM media_derivatives WHERE source_hash = @source AND transform = @transform")
            .With("@source", sourceHash).With("@transform", transform).ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new MediaDerivative(reader.GetString(0), reader.GetString(1), reader.GetInt64(2)) : null;
    }
}
