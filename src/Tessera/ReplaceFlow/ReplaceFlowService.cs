using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Options;
using Tessera.Common;
using Tessera.Imaging;
using Tessera.Scraping;

namespace Tessera.ReplaceFlow;

/// <summary>
/// The ReplaceFlow pipeline (docs/replaceflow.md): read the article through the scraper's polite fetcher, find its
/// headline and featured picture (<see cref="ArticlePage"/>; <c>og:image</c>, else the largest of its first images),
/// hash it (pHash), ask every <see cref="ICleanImageSource"/> for candidates, then read each candidate (bounded),
/// hash it, compare it with the article's picture (<see cref="WatermarkDetector"/>) and score it
/// (<see cref="QualityScore"/>). Same-photo matches (pHash distance ≤ <see cref="NearDuplicateIndex.MaxDistance"/>) come
/// first, clean before watermarked. The run is bounded by <see cref="ReplaceFlowOptions.MaxDuration"/>: candidates left
/// when it runs out are not reported.
/// </summary>
public sealed class ReplaceFlowService(
    PageFetcher fetcher, IEnumerable<ICleanImageSource> sources, WatermarkDetector detector, IOptions<ReplaceFlowOptions> options,
    TimeProvider time, ILogger<ReplaceFlowService> logger)
{
    private sealed record Picture(Uri Url, byte[] Bytes, LoadedImage Image) : IDisposable
    {
        public void Dispose() => Image.Dispose();
    }

    private sealed class Examined(CleanCandidate candidate, LoadedImage image, long bytes, ulong? hash, int? distance) : IDisposable
    {
        public CleanCandidate Candidate { get; } = candidate;

        public LoadedImage Image { get; } = image;

        public long Bytes { get; } = bytes;

        public ulong? Hash { get; } = hash;

        public int? Distance { get; } = distance;

        public WatermarkVerdict? Verdict { get; set; }

        public bool SamePhoto => Distance is <= NearDuplicateIndex.MaxDistance;

        public void Dispose() => Image.Dispose();
    }

    public async Task<Result<ReplaceFlowOutcome>> RunAsync(ReplaceFlowRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = options.Value;
        var clock = Stopwatch.StartNew();
        using var budget = new CancellationTokenSource(settings.MaxDuration, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);

        var page = await fetcher.FetchAsync(request.ArticleUrl, settings.MaxPageBytes, cancellationToken);
        if (!page.IsSuccess)
        {
            return ReplaceFlowErrors.ArticleUnreadable(page.Error);
        }

        var contentType = page.Value.ContentHeaders.ContentType?.MediaType;
        if (!IsHtml(contentType, page.Value.Body))
        {
            return ReplaceFlowErrors.NotHtml(contentType);
        }

        var article = ArticlePage.Read(Encoding.UTF8.GetString(page.Value.Body), page.Value.Url);
        var featured = await FeaturedAsync(article, cancellationToken);
        if (!featured.IsSuccess)
        {
            return featured.Error;
        }

        using var picture = featured.Value;
        ulong? hash = request.Phash ? PerceptualHash.Compute(picture.Image.Image) : null;
        var query = new CleanImageQuery(request.AccountId, picture.Url, hash, HeadlineKeywords.Of(article.Headline), article.Headline, settings.MaxCandidates);
        var candidates = await CandidatesAsync(query, picture.Url, linked.Token);

        var examined = new List<Examined>();
        try
        {
            using var ocrBudget = new CancellationTokenSource(settings.OcrBudget, time);
            using var ocr = CancellationTokenSource.CreateLinkedTokenSource(linked.Token, ocrBudget.Token);
            foreach (var candidate in candidates)
            {
                if (linked.IsCancellationRequested)
                {
                    break;
                }

                if (await ExamineAsync(candidate, hash, request.Phash, linked.Token) is not { } item)
                {
                    continue;
                }

                examined.Add(item);
                // Only a picture of the same photo can show where a mark was laid (with pHash off, the aspect check decides).
                if (!request.Phash || item.SamePhoto)
                {
                    item.Verdict = await detector.CompareAsync(item.Image.Image, picture.Image.Image, ocr.Token);
                }
            }

            var lead = await LeadAsync(article, picture, hash, examined, ocr.Token);
            var results = new List<CleanDiscovery>();
            foreach (var item in examined)
            {
                results.Add(await DiscoveryAsync(item, lead, ocr.Token));
            }

            var ordered = results
                .OrderByDescending(r => r.PhashMatch == true)
                .ThenBy(r => r.IsWatermarked)
                .ThenBy(r => r.PhashDistance ?? int.MaxValue)
                .ThenByDescending(r => r.QualityScore)
                .Take(request.MaxResults)
                .ToList();
            Log.Ran(logger, request.ArticleUrl.IdnHost, examined.Count, examined.Count(e => e.SamePhoto), clock.ElapsedMilliseconds);
            return new ReplaceFlowOutcome(article.Headline, DomainOf(page.Value.Url), picture.Url, request.Phash, lead, ordered);
        }
        finally
        {
            foreach (var item in examined)
            {
                item.Dispose();
            }
        }
    }

    /// <summary>A site's name as people write it: the host without a leading <c>www.</c>.</summary>
    public static string DomainOf(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.IdnHost.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? url.IdnHost[4..] : url.IdnHost;
    }

    private static bool IsHtml(string? contentType, byte[] body)
    {
        if (contentType is { Length: > 0 })
        {
            return contentType.Equals("text/html", StringComparison.OrdinalIgnoreCase) || contentType.Equals("application/xhtml+xml", StringComparison.OrdinalIgnoreCase);
        }

        // No type declared: the bytes decide (a file's signature means it is not a page).
        return ImageSniffer.Detect(body).Kind == MediaKind.Other && body.AsSpan().TrimStart(" \t\r\n\uFEFF"u8).StartsWith("<"u8);
    }

    /// <summary>The article's picture: the first readable <c>og:image</c>/<c>twitter:image</c>, else the largest of its first images.</summary>
    private async Task<Result<Picture>> FeaturedAsync(ArticlePage article, CancellationToken cancellationToken)
    {
        if (article.Featured.Count == 0 && article.Images.Count == 0)
        {
            return ReplaceFlowErrors.NoImage("it declares no og:image and shows no img.");
        }

        string? reason = null;
        foreach (var url in article.Featured.Take(3))
        {
            var read = await ReadPictureAsync(url, cancellationToken);
            if (read.IsSuccess)
            {
                return read.Value;
            }

            reason = read.Error.Message;
        }

        Picture? largest = null;
        foreach (var url in article.Images.Take(options.Value.MaxImageProbes))
        {
            var read = await ReadPictureAsync(url, cancellationToken);
            if (!read.IsSuccess)
            {
                reason = read.Error.Message;
                continue;
            }

            if (largest is null || (long)read.Value.Image.Width * read.Value.Image.Height > (long)largest.Image.Width * largest.Image.Height)
            {
                largest?.Dispose();
                largest = read.Value;
            }
            else
            {
                read.Value.Dispose();
            }
        }

        return largest is not null ? largest : ReplaceFlowErrors.NoImage($"none of its images could be read ({reason}).");
    }

    private async Task<Result<Picture>> ReadPictureAsync(Uri url, CancellationToken cancellationToken)
    {
        var fetched = await fetcher.FetchAsync(url, options.Value.MaxImageBytes, cancellationToken);
        if (!fetched.IsSuccess)
        {
            return new Error(fetched.Error.Code, $"{url.AbsoluteUri}: {fetched.Error.Message}", 400);
        }

        var loaded = Load(fetched.Value.Body);
        return loaded.IsSuccess
            ? new Picture(fetched.Value.Url, fetched.Value.Body, loaded.Value)
            : new Error(loaded.Error.Code, $"{url.AbsoluteUri}: {loaded.Error.Message}", 400);
    }

    private Result<LoadedImage> Load(byte[] bytes) =>
        ImageLoader.Load(bytes, new ImagingOptions { MaxBytes = options.Value.MaxImageBytes, MaxPixels = options.Value.MaxImagePixels });

    /// <summary>Every source's candidates in turn, each picture once, the article's own picture left out, at most <see cref="ReplaceFlowOptions.MaxCandidates"/>.</summary>
    private async Task<List<CleanCandidate>> CandidatesAsync(CleanImageQuery query, Uri articleImage, CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { articleImage.AbsoluteUri };
        var found = new List<CleanCandidate>();
        foreach (var source in sources)
        {
            if (found.Count >= options.Value.MaxCandidates || cancellationToken.IsCancellationRequested)
            {
                break;
            }

            IReadOnlyList<CleanCandidate> answered;
            try
            {
                answered = await source.FindAsync(query, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            found.AddRange(answered.Where(candidate => seen.Add(candidate.Key)).Take(options.Value.MaxCandidates - found.Count));
        }

        return found;
    }

    private async Task<Examined?> ExamineAsync(CleanCandidate candidate, ulong? articleHash, bool phash, CancellationToken cancellationToken)
    {
        byte[]? bytes;
        try
        {
            bytes = await candidate.ReadAsync(options.Value.MaxImageBytes, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }

        if (bytes is null)
        {
            return null;
        }

        var loaded = Load(bytes);
        if (!loaded.IsSuccess)
        {
            Log.CandidateSkipped(logger, candidate.Key, loaded.Error.Message);
            return null;
        }

        ulong? hash = phash ? PerceptualHash.Compute(loaded.Value.Image) : null;
        int? distance = hash is { } h && articleHash is { } a ? PerceptualHash.Distance(h, a) : null;
        return new Examined(candidate, loaded.Value, bytes.LongLength, hash, distance);
    }

    /// <summary>
    /// The article's picture is watermarked when a same-photo candidate showed a mark on it; with no candidate to compare,
    /// when OCR reads words on it (while the OCR budget lasts).
    /// </summary>
    private async Task<SourceLead> LeadAsync(ArticlePage article, Picture picture, ulong? hash, List<Examined> examined, CancellationToken ocr)
    {
        var marking = examined.Select(e => e.Verdict).FirstOrDefault(v => v is { ReferenceMarked: true });
        var (marked, evidence) = marking is not null
            ? (true, marking.Evidence)
            : examined.Any(e => e.Verdict is { Region: not null })
                ? (false, WatermarkEvidence.OverlayEdges)
                : await ReadsTextAsync(picture.Image, ocr);
        return new SourceLead(picture.Url, DomainOf(picture.Url), article.Headline, hash is { } h ? PerceptualHash.ToHex(h) : null,
            picture.Image.Width, picture.Image.Height, marked, evidence);
    }

    private async Task<CleanDiscovery> DiscoveryAsync(Examined item, SourceLead lead, CancellationToken ocr)
    {
        bool marked;
        string evidence;
        switch (item.Verdict)
        {
            case { Evidence: WatermarkEvidence.None }:
                // The same picture as the article's, mark and all: it is as watermarked as the article's.
                (marked, evidence) = (lead.IsWatermarked, lead.IsWatermarked ? lead.Evidence : WatermarkEvidence.None);
                break;
            case { Evidence: not WatermarkEvidence.NotComparable } verdict:
                (marked, evidence) = (verdict.SubjectMarked, verdict.Evidence);
                break;
            default:
                (marked, evidence) = await ReadsTextAsync(item.Image, ocr);
                break;
        }

        var candidate = item.Candidate;
        return new CleanDiscovery(
            candidate, candidate.Url is { } url ? DomainOf(url) : null, marked, evidence,
            QualityScore.Of(item.Image.Width, item.Image.Height, item.Bytes, item.Image.Format, marked), item.Image.Width, item.Image.Height,
            item.Hash is { } h ? PerceptualHash.ToHex(h) : null, item.Distance, item.Distance is { } d ? d <= NearDuplicateIndex.MaxDistance : null);
    }

    private async Task<(bool Marked, string Evidence)> ReadsTextAsync(LoadedImage image, CancellationToken ocr) =>
        await detector.ReadsTextAsync(image.Image, ocr) is true ? (true, WatermarkEvidence.Text) : (false, WatermarkEvidence.None);
}
