using Microsoft.Extensions.Options;
using Tessera.Common;
using Tessera.Outbound;

namespace Tessera.Automation;

/// <summary>
/// The one rule for a URL the module sends to on a user's behalf (webhook receivers, WordPress sites, Shopify shops):
/// https (plain http only where the operator allows private networks, for development — DECISIONS, "Pixels Ocean"), at
/// most 2,048 characters, and no address the outbound policy refuses (checked now, so the client hears it at once).
/// </summary>
public sealed class TargetUrls(ReceiverUrlCheck urls, IOptions<OutboundOptions> outbound)
{
    public const int MaxLength = 2048;

    /// <summary>The URL when it may be used; else a 400 naming <paramref name="field"/>.</summary>
    public async Task<Result<Uri>> CheckAsync(string? url, string field, CancellationToken cancellationToken)
    {
        var allowHttp = outbound.Value.AllowPrivateNetworks;
        if (string.IsNullOrWhiteSpace(url) || url.Length > MaxLength || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && allowHttp)))
        {
            return Error.Validation(allowHttp
                ? $"'{field}' must be an absolute http(s) URL of at most {MaxLength} characters."
                : $"'{field}' must be an absolute https URL of at most {MaxLength} characters (plain http only where {OutboundOptions.Section}:AllowPrivateNetworks is on, for development).");
        }

        return await urls.CheckAsync(uri.AbsoluteUri, field, cancellationToken) is { } refused ? refused : uri;
    }
}
