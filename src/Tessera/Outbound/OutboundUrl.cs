using Tessera.Common;

namespace Tessera.Outbound;

/// <summary>
/// The request-time check of a user-supplied URL (a webhook_url, an image_url): absolute http(s), a host, at most
/// 2048 characters, no user:password part. Which address the host resolves to is checked when connecting
/// (<see cref="OutboundHttp"/>), since DNS may answer differently then.
/// </summary>
public static class OutboundUrl
{
    public const int MaxLength = 2048;

    public static Result<Uri> Validate(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return OutboundErrors.InvalidUrl("The URL is empty.");
        }

        if (url.Length > MaxLength)
        {
            return OutboundErrors.InvalidUrl($"The URL is longer than {MaxLength} characters.");
        }

        // "://" first: on Unix, Uri takes "/some/path" for an absolute file:// URI.
        if (!url.Contains("://", StringComparison.Ordinal) || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return OutboundErrors.InvalidUrl("The URL is not an absolute URL.");
        }

        return Check(uri);
    }

    /// <summary>The same rules for a URL already parsed (each redirect target).</summary>
    public static Result<Uri> Check(Uri uri)
    {
        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
        {
            return OutboundErrors.BadScheme(uri.Scheme);
        }

        if (string.IsNullOrEmpty(uri.Host))
        {
            return OutboundErrors.InvalidUrl("The URL has no host.");
        }

        if (uri.UserInfo.Length > 0)
        {
            return OutboundErrors.InvalidUrl("The URL must not carry a user name or password.");
        }

        return uri;
    }
}
