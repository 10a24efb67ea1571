using System.Net;
using Microsoft.Extensions.Options;
using Tessera.Common;

namespace Tessera.Outbound;

/// <summary>
/// The one client for requests to user-supplied URLs (webhooks, scraping, image_url, exports): http(s) only, every
/// connection made to a checked address (<see cref="CheckedConnector"/>), redirects followed here rather than by the
/// handler so each target's scheme is checked again (and its address, when it needs a new connection), the whole
/// request bounded in time and the body in size. Expected failures come back as errors with stable codes
/// (<see cref="OutboundErrors"/>), never as exceptions.
/// </summary>
public sealed class OutboundHttp(IHttpClientFactory clients, IOptions<OutboundOptions> options, TimeProvider time)
{
    public const string ClientName = "Tessera.Outbound";

    public async Task<Result<OutboundResponse>> SendAsync(HttpRequestMessage request, OutboundLimits? limits = null, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var timeout = limits?.Timeout ?? settings.Timeout;
        var maxBytes = limits?.MaxResponseBytes ?? settings.MaxResponseBytes;
        var maxRedirects = limits?.MaxRedirects ?? settings.MaxRedirects;
        var followRedirects = limits?.FollowRedirects ?? true;

        if (request.RequestUri is null || !request.RequestUri.IsAbsoluteUri)
        {
            return OutboundErrors.InvalidUrl("The request has no absolute URL.");
        }

        var first = OutboundUrl.Check(request.RequestUri);
        if (!first.IsSuccess)
        {
            return first.Error;
        }

        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var client = clients.CreateClient(ClientName);
        try
        {
            if (request.Content is not null)
            {
                // Buffered once so a 307/308 can send the same body again.
                await request.Content.LoadIntoBufferAsync(linked.Token);
            }

            var current = request;
            for (var redirects = 0; ; redirects++)
            {
                using var response = await client.SendAsync(current, HttpCompletionOption.ResponseHeadersRead, linked.Token);
                if (!followRedirects || RedirectTarget(current.RequestUri!, response) is not { } target)
                {
                    return await ReadAsync(current.RequestUri!, response, maxBytes, linked.Token);
                }

                if (redirects >= maxRedirects)
                {
                    return OutboundErrors.TooManyRedirects(maxRedirects);
                }

                var checkedTarget = OutboundUrl.Check(target);
                if (!checkedTarget.IsSuccess)
                {
                    return checkedTarget.Error;
                }

                current = NextRequest(current, response.StatusCode, target);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return OutboundErrors.Timeout(timeout);
        }
        catch (HttpRequestException exception) when (Find<BlockedAddressException>(exception) is { } blocked)
        {
            return OutboundErrors.BlockedAddress(blocked.Message);
        }
        catch (HttpRequestException exception)
        {
            return OutboundErrors.Unreachable(exception.Message);
        }
    }

    private static async Task<Result<OutboundResponse>> ReadAsync(Uri url, HttpResponseMessage response, long maxBytes, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > maxBytes)
        {
            return OutboundErrors.TooLarge(maxBytes);
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var initial = (int)Math.Min(response.Content.Headers.ContentLength ?? 4096, maxBytes);
        using var body = new MemoryStream(initial);
        var buffer = new byte[Math.Min(16 * 1024, maxBytes + 1)];
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (body.Length + read > maxBytes)
            {
                return OutboundErrors.TooLarge(maxBytes);
            }

            body.Write(buffer, 0, read);
        }

        return new OutboundResponse(url, (int)response.StatusCode, response.Headers, response.Content.Headers, body.ToArray());
    }

    private static Uri? RedirectTarget(Uri from, HttpResponseMessage response)
    {
        var isRedirect = response.StatusCode is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;
        return isRedirect && response.Headers.Location is { } location ? new Uri(from, location) : null;
    }

    /// <summary>
    /// The request for the next hop, as browsers do it: 303 (and 301/302 after a POST) becomes a GET without a body;
    /// 307/308 repeat method and body. Credentials are not carried to another origin.
    /// </summary>
    private static HttpRequestMessage NextRequest(HttpRequestMessage previous, HttpStatusCode status, Uri target)
    {
        var toGet = status == HttpStatusCode.SeeOther
            || (status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found && previous.Method == HttpMethod.Post);
        var next = new HttpRequestMessage(toGet ? HttpMethod.Get : previous.Method, target)
        {
            Content = toGet ? null : previous.Content,
            Version = previous.Version,
            VersionPolicy = previous.VersionPolicy,
        };
        var sameOrigin = Uri.Compare(previous.RequestUri, target, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
        foreach (var header in previous.Headers)
        {
            if (sameOrigin || (header.Key != "Authorization" && header.Key != "Cookie"))
            {
                next.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        return next;
    }

    private static T? Find<T>(Exception exception)
        where T : Exception
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is T found)
            {
                return found;
            }
        }

        return null;
    }
}
