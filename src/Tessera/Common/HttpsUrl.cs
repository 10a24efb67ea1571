namespace Tessera.Common;

/// <summary>The one rule for a link a user stores (a pixel's link, a mirror URL): absolute https, a host, no whitespace or control characters.</summary>
public static class HttpsUrl
{
    public static bool IsValid(string url) =>
        !url.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) &&
        Uri.TryCreate(url, UriKind.Absolute, out var uri) &&
        uri.Scheme == Uri.UriSchemeHttps &&
        uri.Host.Length > 0;
}
