using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Options;
using Tessera.Accounts;
using Tessera.Common;
using Tessera.Http;
using Tessera.Media;
using Tessera.RateLimits;
using Tessera.Scraping;
using Tessera.Surfaces.Discovery;

namespace Tessera.Surfaces.PixelsOcean;

/// <summary>
/// <c>POST /api/scrape</c> (seed: "Start a scraping job"): validates the doc's fields and queues a <c>scrape</c> job
/// (<see cref="ScrapeJobs"/>), answered with its whole-number id and where to poll. A route that does work: the daily quota.
/// </summary>
public static class OceanScrapeEndpoints
{
    private const int MaxUrlLength = 2048;
    private const int MaxKeywordLength = 100;

    public static RouteGroupBuilder MapOceanScrape(this RouteGroupBuilder api)
    {
        api.MapPost("/scrape", ScrapeAsync).RequireKey(Scopes.Scrape).RequireRateLimit(PixelsOceanSurface.Policies.Work).WithRequestBody<ScrapeBody>("application/json")
            .Documented(PixelsOceanSurface.Sections.Scraping, "Start a scraping job",
                "`url` (http(s), required); `sniper_mode` (default true: this page only; false: follow same-site links `crawl_depth` 0–2, default 1); `max_files` (default 100, at most 200); `min_size_kb`; `keyword_filter` (must appear in the file's URL); `download_videos`, `download_docs` (default false); `ai_labeling`; `force` (ignore the cached result of the same URL and options from the last hour). robots.txt is honoured; files land in your library (group = the site). Poll `poll_url`. Counts against the daily quota.",
                """{"url":"https://example.com/gallery","sniper_mode":true,"max_files":20,"min_size_kb":50}""",
                """{"success":true,"status":"queued","job_id":1024,"message":"Job queued successfully","poll_url":"/ocean/api/jobs/1024"}""");
        return api;
    }

    public sealed record ScrapeBody(
        string Url,
        [property: JsonPropertyName("sniper_mode")] bool? SniperMode,
        [property: JsonPropertyName("max_files")] int? MaxFiles,
        [property: JsonPropertyName("min_size_kb")] int? MinSizeKb,
        [property: JsonPropertyName("keyword_filter")] string? KeywordFilter,
        [property: JsonPropertyName("download_videos")] bool? DownloadVideos,
        [property: JsonPropertyName("download_docs")] bool? DownloadDocs,
        [property: JsonPropertyName("ai_labeling")] bool? AiLabeling,
        [property: JsonPropertyName("crawl_depth")] int? CrawlDepth,
        bool? Force);

    public sealed record ScrapeResponse(bool Success, string Status, [property: JsonPropertyName("job_id")] long JobId, string Message, [property: JsonPropertyName("poll_url")] string PollUrl);

    private static async Task<IResult> ScrapeAsync(
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] JsonElement? body, HttpContext context, ScrapeJobs scrapes,
        IOptions<ScrapingOptions> options, IOptions<MediaOptions> media, SurfaceRegistry surfaces, CancellationToken ct)
    {
        var request = Parse(body, options.Value, media.Value);
        if (!request.IsSuccess)
        {
            return new ErrorResult(request.Error);
        }

        var submitted = await scrapes.SubmitAsync(TesseraClaims.AccountIdOf(context.User)!, PixelsOceanSurface.Name, request.Value, ct);
        if (!submitted.IsSuccess)
        {
            return new ErrorResult(submitted.Error);
        }

        var (number, job, cached) = submitted.Value;
        var status = OceanJobEndpoints.StatusOf(job.Status);
        var pathBase = surfaces.Get(PixelsOceanSurface.Name).PathBase;
        return TypedResults.Ok(new ScrapeResponse(
            true, status, number, cached ? "The same scrape ran within the hour: its job answers (send force: true to scrape again)" : "Job queued successfully",
            string.Create(CultureInfo.InvariantCulture, $"{pathBase}/api/jobs/{number}")));
    }

    private static Result<ScrapeRequest> Parse(JsonElement? body, ScrapingOptions options, MediaOptions media)
    {
        var json = OceanInput.Object(body);
        if (!json.IsSuccess)
        {
            return json.Error;
        }

        var value = json.Value;
        var url = OceanInput.String(value, "url");
        if (!url.IsSuccess)
        {
            return url.Error;
        }

        if (url.Value.Value is not { Length: > 0 and <= MaxUrlLength } text || !Uri.TryCreate(text.Trim(), UriKind.Absolute, out var target)
            || (target.Scheme != Uri.UriSchemeHttp && target.Scheme != Uri.UriSchemeHttps))
        {
            return Error.Validation($"URL required: 'url' must be an absolute http(s) URL of at most {MaxUrlLength} characters.");
        }

        var keyword = OceanInput.String(value, "keyword_filter");
        var sniper = OceanInput.Bool(value, "sniper_mode");
        var videos = OceanInput.Bool(value, "download_videos");
        var docs = OceanInput.Bool(value, "download_docs");
        var labels = OceanInput.Bool(value, "ai_labeling");
        var force = OceanInput.Bool(value, "force");
        var maxFiles = OceanInput.IntField(value, "max_files", options.DefaultMaxFiles, 1, options.MaxFiles);
        var minKb = OceanInput.IntField(value, "min_size_kb", 0, 0, (int)Math.Min(int.MaxValue, media.MaxUploadBytes / 1024));
        var depth = OceanInput.IntField(value, "crawl_depth", 1, 0, ScrapeRequest.MaxCrawlDepth);
        var error = new[] { keyword.IsSuccess ? null : keyword.Error, sniper.IsSuccess ? null : sniper.Error, videos.IsSuccess ? null : videos.Error,
            docs.IsSuccess ? null : docs.Error, labels.IsSuccess ? null : labels.Error, force.IsSuccess ? null : force.Error,
            maxFiles.IsSuccess ? null : maxFiles.Error, minKb.IsSuccess ? null : minKb.Error, depth.IsSuccess ? null : depth.Error }.FirstOrDefault(e => e is not null);
        if (error is not null)
        {
            return error;
        }

        if (keyword.Value.Value is { Length: > MaxKeywordLength })
        {
            return Error.Validation($"'keyword_filter' must be at most {MaxKeywordLength} characters.");
        }

        return new ScrapeRequest(
            target.AbsoluteUri, sniper.Value ?? true, maxFiles.Value, minKb.Value, string.IsNullOrWhiteSpace(keyword.Value.Value) ? null : keyword.Value.Value.Trim(),
            videos.Value ?? false, docs.Value ?? false, labels.Value ?? false, depth.Value, force.Value ?? false);
    }
}
