using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Options;
using Tessera.Common;
using Tessera.Outbound;

namespace Tessera.Scraping;

/// <summary>
/// Each host's robots.txt, read once per <see cref="ScrapingOptions.RobotsLifetime"/> through the SSRF-safe client with
/// our user agent (RFC 9309 §2.3: a 2xx is parsed, at most 500 KiB; a 4xx means no rules; a 5xx or no answer means
/// "disallow everything" until it is read again). A host the outbound policy refuses is an error, not a rule: the caller
/// says why the site cannot be scraped.
/// </summary>
public sealed class RobotsRules(OutboundHttp outbound, IOptions<ScrapingOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, (RobotsTxt Rules, DateTimeOffset Until)> _cache = new(StringComparer.OrdinalIgnoreCase);

    public async Task<Result<RobotsTxt>> ForAsync(Uri url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        var origin = url.GetLeftPart(UriPartial.Authority);
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(origin, out var cached) && cached.Until > now)
        {
            return cached.Rules;
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(new Uri(origin), "/robots.txt"));
        request.Headers.TryAddWithoutValidation("User-Agent", options.Value.UserAgent);
        var fetched = await outbound.SendAsync(request, new OutboundLimits { MaxResponseBytes = RobotsTxt.MaxBytes * 2L, MaxRedirects = 5 }, cancellationToken);
        if (!fetched.IsSuccess && fetched.Error.Code is OutboundErrors.BlockedAddressCode or OutboundErrors.BadSchemeCode or OutboundErrors.InvalidUrlCode)
        {
            return fetched.Error;
        }

        var rules = !fetched.IsSuccess ? RobotsTxt.DisallowAll
            : fetched.Value.StatusCode is >= 200 and <= 299
                ? RobotsTxt.Parse(Encoding.UTF8.GetString(fetched.Value.Body, 0, Math.Min(fetched.Value.Body.Length, RobotsTxt.MaxBytes)), options.Value.ProductToken)
            : fetched.Value.StatusCode is >= 400 and <= 499 ? RobotsTxt.AllowAll
            : RobotsTxt.DisallowAll;
        _cache[origin] = (rules, now + options.Value.RobotsLifetime);
        return rules;
    }
}
