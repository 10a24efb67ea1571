using Microsoft.Extensions.Options;
using Tessera.Common;
using Tessera.Outbound;

namespace Tessera.Media;

/// <summary>A file fetched from a URL for the library: its bytes and the name its URL gives it.</summary>
public sealed record FetchedFile(byte[] Body, string FileName);

/// <summary>
/// Fetches a URL a caller named for the library (a stock item, a watermark's image) through the SSRF-safe client
/// (<see cref="OutboundHttp"/>: public addresses only, redirects re-checked, its timeout) and bounded by the upload limit.
/// Failures are <c>validation_error</c>s that say what went wrong with the URL, for the caller to fix.
/// </summary>
public sealed class MediaFetcher(OutboundHttp outbound, IOptions<MediaOptions> options)
{
    public async Task<Result<FetchedFile>> FetchAsync(string url, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return Error.Validation("It must be an absolute http(s) URL.");
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        var fetched = await outbound.SendAsync(request, new OutboundLimits { MaxResponseBytes = options.Value.MaxUploadBytes }, cancellationToken);
        if (!fetched.IsSuccess)
        {
            return Error.Validation(fetched.Error.Message);
        }

        return fetched.Value.IsSuccess
            ? new FetchedFile(fetched.Value.Body, Path.GetFileName(fetched.Value.Url.AbsolutePath))
            : Error.Validation($"The URL answered HTTP {fetched.Value.StatusCode}.");
    }
}
