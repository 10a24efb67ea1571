namespace Tessera.Media;

/// <summary>One entry of an account's library. <see cref="Analysis"/> is <c>pending</c> until the background analysis
/// (dimensions, colours, perceptual hash, OCR) has run; the asset is listed and searchable by name and tags before that.</summary>
public sealed record MediaAsset(
    long Id,
    string AccountId,
    string BlobHash,
    string Name,
    string FileName,
    string? Group,
    long? FolderId,
    string Kind,
    string ContentType,
    long Size,
    int? Width,
    int? Height,
    IReadOnlyList<string> Tags,
    IReadOnlyList<MediaColour> Colours,
    ulong? PerceptualHash,
    string? OcrText,
    string? Labels,
    string? MirrorUrl,
    string Analysis,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? TrashedAt)
{
    public bool Trashed => TrashedAt is not null;
}

/// <summary>A dominant colour: <c>#rrggbb</c>, its nearest name, and the share of the image it covers (0–1).</summary>
public sealed record MediaColour(string Hex, string Name, double Share);

/// <summary>What analysis found for an asset, written back in one update; <see cref="AutoTags"/> are added to its tags (auto_tag).</summary>
public sealed record MediaAnalysisResult(
    int? Width, int? Height, IReadOnlyList<MediaColour> Colours, IReadOnlyList<(double L, double A, double B, double Share)> Lab,
    ulong? PerceptualHash, string? OcrText, string? Labels, bool Failed, IReadOnlyList<string>? AutoTags = null);

/// <summary>A page of assets and how many match in all.</summary>
public sealed record MediaPage(IReadOnlyList<MediaAsset> Items, long Total);
