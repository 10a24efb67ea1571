using Microsoft.Extensions.Options;
using Tessera.Common;
using Tessera.Outbound;

namespace Tessera.Scraping;

/// <summary>
/// One polite GET of someone else's URL, as every Tessera crawler makes it: the host's robots.txt allows it
/// (<see cref="RobotsRules"/>), its politeness slot is free (<see cref="HostPoliteness"/>), our user agent, and the
/// SSRF-safe client (<see cref="OutboundHttp"/>: public addresses only, redirects re-checked, its timeout) bounded by
/// <c>maxBytes</c>. A non-2xx answer is an error (<c>fetch_failed</c>). The scraper and ReplaceFlow both fetch through it.
/// </summary>
public sealed class PageFetcher(OutboundHttp outbound, RobotsRules robots, HostPoliteness politeness, IOptions<ScrapingOptions> options)
{
    /// <summary>The error code of a URL that answered, but not with 2xx.</summary>
    public const string FetchFailedCode = "fetch_failed";

    public async Task<Result<OutboundResponse>> FetchAsync(Uri url, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        var rules = await robots.ForAsync(url, cancellationToken);
        if (!rules.IsSuccess)
        {
            return rules.Error;
        }

        if (ReferenceEquals(rules.Value, RobotsTxt.DisallowAll))
        {
            // RFC 9309: a robots.txt that cannot be read (no answer, 5xx) forbids everything; say that, not "disallowed".
            return new Error(OutboundErrors.UnreachableCode, $"{url.IdnHost}'s robots.txt could not be read (the site is unreachable or failing), so nothing is fetched from it.", 400);
        }

        if (!rules.Value.Allows(url.PathAndQuery))
        {
            return new Error(Scraper.RobotsDisallowedCode, $"{url.IdnHost}'s robots.txt does not allow {options.Value.ProductToken} to fetch {url.AbsolutePath}.", 400);
        }

        using var lease = await politeness.EnterAsync(url.IdnHost, rules.Value.CrawlDelay, cancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("User-Agent", options.Value.UserAgent);
        var fetched = await outbound.SendAsync(request, new OutboundLimits { MaxResponseBytes = maxBytes }, cancellationToken);
        if (!fetched.IsSuccess)
        {
            return fetched.Error;
        }

        return fetched.Value.IsSuccess
            ? fetched.Value
            : new Error(FetchFailedCode, $"{url.AbsoluteUri} answered HTTP {fetched.Value.StatusCode}.", 400);
    }
}
