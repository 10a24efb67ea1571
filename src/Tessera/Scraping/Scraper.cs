using System.Diagnostics;
using Microsoft.Extensions.Options;
using Tessera.Common;
using Tessera.Imaging;
using Tessera.Media;
using Tessera.Outbound;
using Tessera.Vision;

namespace Tessera.Scraping;

/// <summary>
/// Runs one scrape (docs/scraping.md): reads the page (and, in crawl mode, same-site pages breadth first to the asked
/// depth, at most <see cref="ScrapingOptions.MaxPages"/>), finds its files (<see cref="PageAssets"/>), and downloads the
/// wanted ones into the caller's library (group = the site's host) until <c>max_files</c> are kept. Every request goes
/// through the SSRF-safe client with our user agent, after the host's robots.txt allows it (<see cref="RobotsRules"/>)
/// and its politeness slot is free (<see cref="HostPoliteness"/>); the whole scrape is bounded by
/// <see cref="ScrapingOptions.MaxDuration"/> and returns what it has when time runs out. With <c>ai_labeling</c> each
/// image is labelled by the Vision module before it is stored and named from its labels (<c>sunset_beach_a1b2.jpg</c>);
/// an image the engine cannot label keeps its own name and no <c>ai_label</c>.
/// </summary>
public sealed class Scraper(
    PageFetcher fetcher, MediaLibrary library, IOptions<ScrapingOptions> options, IOptions<MediaOptions> mediaOptions, TimeProvider time,
    VisionService vision, ILogger<Scraper> logger)
{
    /// <summary>The error code of a fetch that the host's robots.txt does not allow.</summary>
    public const string RobotsDisallowedCode = "robots_disallowed";

    public async Task<Result<ScrapeOutcome>> RunAsync(string accountId, ScrapeRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = options.Value;
        using var budget = new CancellationTokenSource(settings.MaxDuration, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
        var start = new Uri(request.Url);
        var skipped = new Dictionary<string, int>(StringComparer.Ordinal);
        var kept = new List<ScrapedAsset>();
        var seenFiles = new HashSet<string>(StringComparer.Ordinal);
        var visited = new HashSet<string>(StringComparer.Ordinal) { start.AbsoluteUri };
        var queue = new Queue<(Uri Url, int Depth)>([(start, 0)]);
        var pages = 0;
        var clock = Stopwatch.StartNew();
        try
        {
            while (queue.Count > 0 && pages < settings.MaxPages && kept.Count < request.MaxFiles)
            {
                var (pageUrl, depth) = queue.Dequeue();
                var page = await FetchAsync(pageUrl, settings.MaxPageBytes, linked.Token);
                if (!page.IsSuccess)
                {
                    if (pages == 0)
                    {
                        return page.Error; // the page asked for could not be read: the scrape fails and says why
                    }

                    Count(skipped, "page_unreadable");
                    continue;
                }

                pages++;
                var content = PageAssets.Read(System.Text.Encoding.UTF8.GetString(page.Value.Body), page.Value.Url);
                if (depth < request.Depth)
                {
                    foreach (var link in content.Links.Where(link => PageAssets.SameSite(link, start) && visited.Add(link.AbsoluteUri)))
                    {
                        queue.Enqueue((link, depth + 1));
                    }
                }

                foreach (var candidate in content.Assets)
                {
                    if (kept.Count >= request.MaxFiles)
                    {
                        break;
                    }

                    if (!seenFiles.Add(candidate.Url.AbsoluteUri) || Unwanted(request, candidate, skipped))
                    {
                        continue;
                    }

                    if (await KeepAsync(accountId, start, candidate, request, skipped, linked.Token) is { } asset)
                    {
                        kept.Add(asset);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            Count(skipped, "time_limit");
        }

        return new ScrapeOutcome(kept, pages, skipped);
    }

    private static bool Unwanted(ScrapeRequest request, AssetCandidate candidate, Dictionary<string, int> skipped)
    {
        var reason = candidate.Kind switch
        {
            CandidateKind.Video when !request.DownloadVideos => "videos_off",
            CandidateKind.Document when !request.DownloadDocs => "documents_off",
            _ when request.KeywordFilter is { Length: > 0 } keyword && !candidate.Url.AbsoluteUri.Contains(keyword, StringComparison.OrdinalIgnoreCase) => "keyword",
            _ => null,
        };
        if (reason is not null)
        {
            Count(skipped, reason);
        }

        return reason is not null;
    }

    private async Task<ScrapedAsset?> KeepAsync(
        string accountId, Uri site, AssetCandidate candidate, ScrapeRequest request, Dictionary<string, int> skipped, CancellationToken cancellationToken)
    {
        var fetched = await FetchAsync(candidate.Url, mediaOptions.Value.MaxUploadBytes, cancellationToken);
        if (!fetched.IsSuccess)
        {
            Count(skipped, fetched.Error.Code == RobotsDisallowedCode ? "robots" : "unreachable");
            return null;
        }

        var body = fetched.Value.Body;
        if (body.LongLength < request.MinSizeKb * 1024L)
        {
            Count(skipped, "too_small");
            return null;
        }

        // The bytes decide the kind, not the URL: a "photo.jpg" that is an HTML page is not kept, nor a video when videos are off.
        var kind = ImageSniffer.Detect(body).Kind;
        var wanted = kind switch
        {
            MediaKind.Image => true,
            MediaKind.Video => request.DownloadVideos,
            MediaKind.Document => request.DownloadDocs,
            _ => false,
        };
        if (!wanted)
        {
            Count(skipped, "type");
            return null;
        }

        var fileName = Path.GetFileName(fetched.Value.Url.AbsolutePath) is { Length: > 0 } name ? name : "file";
        var (labelledName, aiLabel, labels) = request.AiLabeling && kind == MediaKind.Image ? await LabelAsync(body, fileName, cancellationToken) : (fileName, null, null);
        using var content = new MemoryStream(body, writable: false);
        var uploaded = await library.UploadAsync(
            accountId, content, body.LongLength, new MediaUpload(labelledName, null, site.IdnHost, [], null, Labels: labels), cancellationToken);
        if (!uploaded.IsSuccess)
        {
            Count(skipped, uploaded.Error.Code == MediaErrors.LimitReachedCode ? "library_full" : "refused");
            return null;
        }

        var asset = uploaded.Value;
        return new ScrapedAsset(asset.Id, asset.FileName, candidate.Url.AbsoluteUri, asset.Kind, asset.Size, aiLabel);
    }

    /// <summary><c>ai_labeling</c>: the name from the image's labels, the doc's <c>ai_label</c>, and the labels the library indexes.</summary>
    private async Task<(string FileName, string? AiLabel, string? Labels)> LabelAsync(byte[] body, string fileName, CancellationToken cancellationToken)
    {
        var labelled = await vision.LabelAsync(body, cancellationToken);
        if (!labelled.IsSuccess || labelled.Value.Labels.Count == 0)
        {
            Log.NotLabelled(logger, fileName, labelled.IsSuccess ? "no label above the threshold" : labelled.Error.Message);
            return (fileName, null, null);
        }

        var names = labelled.Value.Names;
        return (VisionFileNames.From(names, body, fileName), VisionFileNames.Display(names), string.Join(", ", names));
    }

    /// <summary>One polite, robots-checked GET of <paramref name="url"/>, bounded by <paramref name="maxBytes"/>; a non-2xx is an error.</summary>
    private Task<Result<OutboundResponse>> FetchAsync(Uri url, long maxBytes, CancellationToken cancellationToken) =>
        fetcher.FetchAsync(url, maxBytes, cancellationToken);

    private static void Count(Dictionary<string, int> skipped, string reason) => skipped[reason] = skipped.GetValueOrDefault(reason) + 1;
}
