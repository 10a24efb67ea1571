using Microsoft.Extensions.DependencyInjection;
using Tessera.Imaging;
using Tessera.Media;
using Tessera.Storage;

namespace Tessera.ReplaceFlow;

/// <summary>
/// The caller's own media library: images within pHash distance <see cref="NearDuplicateIndex.MaxDistance"/> of the
/// watermarked one (the database's block indexes, <see cref="MediaNearDuplicates"/>), then images whose name, tags,
/// group, OCR text or labels share a word with the headline (the library's full-text search, any word, ranked). The demo
/// has no caller, so it never reads a library.
/// </summary>
public sealed class MediaLibrarySource(MediaNearDuplicates near, MediaLibrary library, MediaFileReader files) : ICleanImageSource
{
    public const string SourceName = "media_library";

    public string Name => SourceName;

    public async Task<IReadOnlyList<CleanCandidate>> FindAsync(CleanImageQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.AccountId is not { } account)
        {
            return [];
        }

        var found = new List<MediaAsset>();
        if (query.PerceptualHash is { } hash)
        {
            found.AddRange((await near.FindAsync(account, hash, NearDuplicateIndex.MaxDistance, query.Limit, cancellationToken)).Select(match => match.Asset));
        }

        if (query.Keywords.Count > 0 && found.Count < query.Limit)
        {
            var page = await library.QueryAsync(account, new MediaQuery(Text: string.Join(' ', query.Keywords), Kind: AssetKind.Image, Limit: query.Limit, AnyTerm: true), cancellationToken);
            if (page.IsSuccess)
            {
                found.AddRange(page.Value.Items.Where(asset => found.All(known => known.Id != asset.Id)));
            }
        }

        return [.. found.Take(query.Limit).Select(asset => new CleanCandidate(SourceName, null, asset, asset.Name, (max, ct) => files.ReadAsync(asset, ct, max)))];
    }
}
