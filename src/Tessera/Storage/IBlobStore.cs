namespace Tessera.Storage;

/// <summary>
/// Blobs (uploads, placement images, renders, job outputs), content-addressed by the lowercase hex SHA-256 of their
/// bytes: writing the same bytes twice stores them once. Deleting is the caller's business: a blob may be shared by
/// several rows (two jobs with the same seed make the same PNG), so delete only when no live row names the hash.
/// </summary>
public interface IBlobStore
{
    /// <summary>Stores <paramref name="content"/> durably (on disk before this returns) and gives its hash.</summary>
    Task<string> PutAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default);

    /// <summary>The blob's bytes as a readable stream, or null when there is no such blob.</summary>
    Task<Stream?> OpenReadAsync(string hash, CancellationToken cancellationToken = default);

    Task<bool> ExistsAsync(string hash, CancellationToken cancellationToken = default);

    /// <summary>Removes the blob; false when it was not there.</summary>
    Task<bool> DeleteAsync(string hash, CancellationToken cancellationToken = default);
}
