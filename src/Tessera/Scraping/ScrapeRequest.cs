using System.Text.Json.Serialization;

namespace Tessera.Scraping;

/// <summary>
/// What to scrape, as the doc's <c>POST /api/scrape</c> names it (snake_case; it is also the job's stored input):
/// <c>url</c>, <c>sniper_mode</c> (this page only; default true), <c>max_files</c>, <c>min_size_kb</c>,
/// <c>keyword_filter</c>, <c>download_videos</c>, <c>download_docs</c>, <c>ai_labeling</c>, <c>crawl_depth</c> 0–2
/// (crawl mode only), <c>force</c> (bypass the cached result).
/// </summary>
public sealed record ScrapeRequest(
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("sniper_mode")] bool SniperMode,
    [property: JsonPropertyName("max_files")] int MaxFiles,
    [property: JsonPropertyName("min_size_kb")] int MinSizeKb,
    [property: JsonPropertyName("keyword_filter")] string? KeywordFilter,
    [property: JsonPropertyName("download_videos")] bool DownloadVideos,
    [property: JsonPropertyName("download_docs")] bool DownloadDocs,
    [property: JsonPropertyName("ai_labeling")] bool AiLabeling,
    [property: JsonPropertyName("crawl_depth")] int CrawlDepth,
    [property: JsonPropertyName("force")] bool Force)
{
    public const int MaxCrawlDepth = 2;

    /// <summary>Depth actually followed: none in sniper mode.</summary>
    public int Depth => SniperMode ? 0 : CrawlDepth;

    /// <summary>The options that change a result (not <see cref="Force"/>): the cache key of a scrape.</summary>
    public string CacheKey => string.Join('\u001f', Url, SniperMode, MaxFiles, MinSizeKb, KeywordFilter ?? "", DownloadVideos, DownloadDocs, AiLabeling, Depth);
}

/// <summary>One file a scrape kept: the library asset it became and where it came from.</summary>
public sealed record ScrapedAsset(
    [property: JsonPropertyName("id")] long MediaId,
    [property: JsonPropertyName("filename")] string FileName,
    [property: JsonPropertyName("url")] string SourceUrl,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("size")] long Size,
    [property: JsonPropertyName("ai_label")] string? AiLabel);

/// <summary>What a scrape did: the files kept, the pages read, and how many found files were passed over and why.</summary>
public sealed record ScrapeOutcome(
    [property: JsonPropertyName("assets")] IReadOnlyList<ScrapedAsset> Assets,
    [property: JsonPropertyName("pages")] int Pages,
    [property: JsonPropertyName("skipped")] IReadOnlyDictionary<string, int> Skipped);
