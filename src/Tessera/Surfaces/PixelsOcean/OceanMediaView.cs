using System.Text.Json.Serialization;
using Tessera.Media;

namespace Tessera.Surfaces.PixelsOcean;

/// <summary>An asset as every Ocean media route shows it (docs/pixels-ocean.md): snake_case, times in ISO 8601 UTC.</summary>
public sealed record OceanMediaView(
    long Id,
    [property: JsonPropertyName("media_id")] long MediaId,
    string Name,
    string Filename,
    string Url,
    string Type,
    [property: JsonPropertyName("content_type")] string ContentType,
    long Size,
    int? Width,
    int? Height,
    string? Group,
    [property: JsonPropertyName("folder_id")] long? FolderId,
    IReadOnlyList<string> Tags,
    IReadOnlyList<MediaColour> Colors,
    string? Phash,
    [property: JsonPropertyName("ocr_text")] string? OcrText,
    string? Labels,
    [property: JsonPropertyName("mirror_url")] string? MirrorUrl,
    string Analysis,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("updated_at")] DateTimeOffset UpdatedAt,
    [property: JsonPropertyName("trashed_at")] DateTimeOffset? TrashedAt)
{
    public static OceanMediaView From(MediaAsset asset, string url) => new(
        asset.Id, asset.Id, asset.Name, asset.FileName, url, asset.Kind, asset.ContentType, asset.Size, asset.Width, asset.Height,
        asset.Group, asset.FolderId, asset.Tags, asset.Colours, asset.PerceptualHash is { } hash ? hash.ToString("x16", System.Globalization.CultureInfo.InvariantCulture) : null,
        asset.OcrText, asset.Labels, asset.MirrorUrl, asset.Analysis, asset.CreatedAt, asset.UpdatedAt, asset.TrashedAt);
}

/// <summary>A page of assets: <c>media</c>, how many match in all, and the page asked for.</summary>
public sealed record OceanMediaPage(bool Success, IReadOnlyList<OceanMediaView> Media, long Total, int Limit, int Offset);

/// <summary>One asset.</summary>
public sealed record OceanMediaResponse(bool Success, OceanMediaView Media);
