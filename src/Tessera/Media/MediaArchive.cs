using System.IO.Compression;
using Microsoft.Extensions.DependencyInjection;
using Tessera.Storage;

namespace Tessera.Media;

/// <summary>
/// Writes assets into a ZIP as it goes (a job's <c>/download</c>): each file is copied from its blob straight into the
/// archive's entry, so the server holds one copy buffer, never the archive or a whole file, however large the job.
/// Images and videos are compressed already, so entries are stored, not deflated (deflating them costs CPU for ~1%).
/// Names are the assets' file names, made unique within the archive (<c>photo.jpg</c>, <c>photo-2.jpg</c>).
/// </summary>
public sealed class MediaArchive([FromKeyedServices(MediaBlobs.Key)] IBlobStore blobs)
{
    public Task WriteAsync(Stream output, IEnumerable<MediaAsset> assets, CancellationToken cancellationToken) =>
        WriteAsync(output, JobFiles.Name(assets), cancellationToken);

    /// <summary>Writes each file under the name it already has (a job's files keep the names their URLs use).</summary>
    public async Task WriteAsync(Stream output, IEnumerable<JobFile> files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        // The response stream cannot seek: ZipArchive then writes each entry's sizes after its data.
        await using var body = new DeferredSyncWrites(output);
        await using (var zip = new ZipArchive(body, ZipArchiveMode.Create, leaveOpen: true))
        {
            await WriteEntriesAsync(zip, files, cancellationToken);
        }

        await body.FlushAsync(cancellationToken);
    }

    private async Task WriteEntriesAsync(ZipArchive zip, IEnumerable<JobFile> files, CancellationToken cancellationToken)
    {
        foreach (var (name, asset) in files)
        {
            await using var source = await blobs.OpenReadAsync(asset.BlobHash, cancellationToken);
            if (source is null)
            {
                continue; // purged meanwhile: the archive holds what still exists
            }

            var entry = zip.CreateEntry(name, CompressionLevel.NoCompression);
            entry.LastWriteTime = asset.CreatedAt;
            await using var target = await entry.OpenAsync(cancellationToken);
            await source.CopyToAsync(target, cancellationToken);
        }
    }

    /// <summary><paramref name="fileName"/>, or with <c>-2</c>, <c>-3</c> ... before its extension when taken.</summary>
    public static string UniqueName(HashSet<string> taken, string fileName)
    {
        ArgumentNullException.ThrowIfNull(taken);
        var name = string.IsNullOrWhiteSpace(fileName) ? "file" : fileName;
        var stem = Path.GetFileNameWithoutExtension(name);
        var extension = Path.GetExtension(name);
        for (var n = 2; !taken.Add(name); n++)
        {
            name = $"{stem}-{n}{extension}";
        }

        return name;
    }
}
