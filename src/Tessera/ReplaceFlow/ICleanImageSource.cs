using Tessera.Media;

namespace Tessera.ReplaceFlow;

/// <summary>
/// What a source is asked: the caller (null for the demo: no private library may answer), the watermarked image's URL
/// and pHash (null when the caller turned pHash off), the headline's keywords, and how many candidates it may return.
/// </summary>
public sealed record CleanImageQuery(string? AccountId, Uri ImageUrl, ulong? PerceptualHash, IReadOnlyList<string> Keywords, string? Headline, int Limit);

/// <summary>
/// A picture that may be the clean original: where it came from (<see cref="Source"/>: <c>media_library</c>,
/// <c>google_reverse_image</c>, <c>google_images</c>, and <c>community</c> once #15 adds it), its URL on the web or its
/// library asset, a title when the source has one, and how to read its bytes (bounded by the caller).
/// </summary>
public sealed record CleanCandidate(string Source, Uri? Url, MediaAsset? Asset, string? Title, Func<long, CancellationToken, Task<byte[]?>> ReadAsync)
{
    /// <summary>One key per picture, so two sources naming it count once.</summary>
    public string Key => Asset is { } asset ? "media:" + asset.Id : Url!.AbsoluteUri;
}

/// <summary>
/// One place ReplaceFlow looks for clean versions. Sources run in registration order and each answers on its own: one
/// that fails (a search engine down) logs and returns nothing, the others still answer. The community library (#15)
/// registers another implementation; nothing else changes.
/// </summary>
public interface ICleanImageSource
{
    string Name { get; }

    Task<IReadOnlyList<CleanCandidate>> FindAsync(CleanImageQuery query, CancellationToken cancellationToken);
}
