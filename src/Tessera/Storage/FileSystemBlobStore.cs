using System.Security.Cryptography;

namespace Tessera.Storage;

/// <summary>
/// The embedded blob store: <c>{Data}/blobs/ab/cd/abcd...</c>. A write goes to a temporary file in the same directory,
/// is flushed to disk and then renamed into place, so a reader never sees half a blob and a crash leaves either the
/// whole blob or nothing (plus a stray temporary file). Directories are 0700 and blobs 0600 (<see cref="OwnerOnlyFiles"/>).
/// </summary>
public sealed class FileSystemBlobStore(string root) : IBlobStore
{
    public string Root { get; } = Prepare(root);

    public async Task<string> PutAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(content.Span));
        var path = PathOf(hash);
        if (File.Exists(path))
        {
            return hash;
        }

        OwnerOnlyFiles.EnsureDirectory(Path.GetDirectoryName(path)!, tighten: false);
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var options = OwnerOnlyFiles.NewFile(FileMode.CreateNew, FileOptions.Asynchronous);
        options.BufferSize = 1;
        await using (var file = new FileStream(temporary, options))
        {
            await file.WriteAsync(content, cancellationToken);
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
        return hash;
    }

    public Task<Stream?> OpenReadAsync(string hash, CancellationToken cancellationToken = default)
    {
        if (!IsHash(hash))
        {
            return Task.FromResult<Stream?>(null);
        }

        try
        {
            Stream stream = new FileStream(PathOf(hash), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024, FileOptions.Asynchronous);
            return Task.FromResult<Stream?>(stream);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
    }

    public Task<bool> ExistsAsync(string hash, CancellationToken cancellationToken = default) =>
        Task.FromResult(IsHash(hash) && File.Exists(PathOf(hash)));

    public Task<bool> DeleteAsync(string hash, CancellationToken cancellationToken = default)
    {
        if (!IsHash(hash) || !File.Exists(PathOf(hash)))
        {
            return Task.FromResult(false);
        }

        File.Delete(PathOf(hash));
        return Task.FromResult(true);
    }

    // The root is made (or tightened to) 0700 once; blobs written before that stay behind it, unreachable to others.
    private static string Prepare(string root)
    {
        var full = Path.GetFullPath(root);
        OwnerOnlyFiles.EnsureDirectory(full);
        return full;
    }

    // Hashes come from URLs and rows: anything but 64 lowercase hex digits never reaches the file system.
    private static bool IsHash(string hash) => hash.Length == 64 && hash.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    private string PathOf(string hash) => Path.Combine(Root, hash[..2], hash[2..4], hash);
}
