using Tessera.Scraping;

namespace Tessera.ReplaceFlow;

/// <summary>
/// The web, through SerpApi when a key is configured (the doc's pipeline): Google reverse image search on the
/// watermarked image's URL, and when that finds nothing, a Google Images search for the headline. Candidates are read
/// through the scraper's polite fetcher (robots.txt, per-host delay, the SSRF-safe client). A search that fails is
/// logged and returns nothing, so the library's candidates still answer.
/// </summary>
public sealed class SerpApiSource(SerpApiClient client, PageFetcher fetcher, ILogger<SerpApiSource> logger) : ICleanImageSource
{
    public string Name => SerpApiClient.ReverseEngine;

    public async Task<IReadOnlyList<CleanCandidate>> FindAsync(CleanImageQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!client.Enabled)
        {
            return [];
        }

        var source = SerpApiClient.ReverseEngine;
        var found = await client.ReverseImageAsync(query.ImageUrl, cancellationToken);
        if (found.IsSuccess && found.Value.Count == 0 && !string.IsNullOrWhiteSpace(query.Headline))
        {
            source = SerpApiClient.ImagesEngine;
            found = await client.ImagesAsync(query.Headline, cancellationToken);
        }

        if (!found.IsSuccess)
        {
            Log.SourceFailed(logger, source, found.Error.Message);
            return [];
        }

        return [.. found.Value.Take(query.Limit).Select(image => new CleanCandidate(source, image.Url, null, image.Title, (max, ct) => ReadAsync(image.Url, max, ct)))];
    }

    private async Task<byte[]?> ReadAsync(Uri url, long maxBytes, CancellationToken cancellationToken)
    {
        var fetched = await fetcher.FetchAsync(url, maxBytes, cancellationToken);
        if (!fetched.IsSuccess)
        {
            Log.CandidateSkipped(logger, url.GetLeftPart(UriPartial.Path), fetched.Error.Code);
            return null;
        }

        return fetched.Value.Body;
    }
}
