using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Tessera.Accounts;
using Tessera.Common;
using Tessera.Media;
using Tessera.Scraping;

namespace Tessera.Pipelines.Actions;

/// <summary>
/// <c>scrape</c>: the Scraping module's scrape, run inside the step (not queued: the pipeline answers synchronously),
/// with the same politeness, robots.txt and bounds as <c>POST /api/scrape</c>; the files land in the caller's library.
/// </summary>
public sealed class ScrapeAction : IPipelineAction
{
    private readonly Scraper _scraper;
    private readonly MediaStore _media;

    public ScrapeAction(Scraper scraper, MediaStore media, IOptions<ScrapingOptions> options)
    {
        _scraper = scraper;
        _media = media;
        var limits = options.Value;
        Definition = new PipelineActionDefinition(
            "scrape", "Scrape a page (or crawl its site) for images into your library, as POST /api/scrape does, within the step.", Scopes.Scrape,
            [
                new PipelineParam("url", PipelineParamType.Url, "The page to scrape.", Required: true),
                new PipelineParam("max_files", PipelineParamType.Integer, "Files to keep at most.", Default: 20, Minimum: 1, Maximum: limits.MaxFiles),
                new PipelineParam("sniper_mode", PipelineParamType.Boolean, "This page only (true) or follow same-site links (false).", Default: true),
                new PipelineParam("crawl_depth", PipelineParamType.Integer, "Link depth in crawl mode.", Default: 1, Minimum: 0, Maximum: ScrapeRequest.MaxCrawlDepth),
                new PipelineParam("min_size_kb", PipelineParamType.Integer, "Skip smaller files.", Default: 0, Minimum: 0, Maximum: 1_000_000),
                new PipelineParam("keyword_filter", PipelineParamType.String, "Keep files whose URL contains it."),
                new PipelineParam("download_videos", PipelineParamType.Boolean, "Keep videos too.", Default: false),
                new PipelineParam("download_docs", PipelineParamType.Boolean, "Keep documents too.", Default: false),
            ],
            [
                new PipelineOutput("count", "integer", "Files kept."),
                new PipelineOutput("urls", "url[]", "The kept files' library URLs."),
                new PipelineOutput("source_urls", "url[]", "Where each file came from."),
                new PipelineOutput("media_ids", "integer[]", "The library ids of the kept files."),
                new PipelineOutput("files", "array", "[{id, filename, url, source_url, type, size}]"),
                new PipelineOutput("pages", "integer", "Pages read."),
            ]);
    }

    public PipelineActionDefinition Definition { get; }

    public async Task<Result<JsonObject>> RunAsync(PipelineCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var request = new ScrapeRequest(
            call.String("url")!, call.Bool("sniper_mode", true), call.Int("max_files", 20), call.Int("min_size_kb", 0),
            string.IsNullOrWhiteSpace(call.String("keyword_filter")) ? null : call.String("keyword_filter")!.Trim(),
            call.Bool("download_videos", false), call.Bool("download_docs", false), AiLabeling: false, call.Int("crawl_depth", 1), Force: true);
        var scraped = await _scraper.RunAsync(call.AccountId, request, cancellationToken);
        if (!scraped.IsSuccess)
        {
            return scraped.Error;
        }

        var kept = scraped.Value.Assets;
        var assets = (await _media.GetManyAsync(call.AccountId, [.. kept.Select(asset => asset.MediaId)], cancellationToken)).ToDictionary(asset => asset.Id);
        var files = new JsonArray();
        foreach (var file in kept)
        {
            var url = assets.TryGetValue(file.MediaId, out var asset) ? call.AssetUrl(asset) : null;
            files.Add(new JsonObject
            {
                ["id"] = file.MediaId,
                ["filename"] = file.FileName,
                ["url"] = url,
                ["source_url"] = file.SourceUrl,
                ["type"] = file.Type,
                ["size"] = file.Size,
            });
        }

        return new JsonObject
        {
            ["count"] = kept.Count,
            ["urls"] = new JsonArray([.. files.Select(file => file!["url"]?.DeepClone()).Where(url => url is not null)]),
            ["source_urls"] = new JsonArray([.. kept.Select(file => (JsonNode)file.SourceUrl)]),
            ["media_ids"] = new JsonArray([.. kept.Select(file => (JsonNode)file.MediaId)]),
            ["files"] = files,
            ["pages"] = scraped.Value.Pages,
        };
    }
}
