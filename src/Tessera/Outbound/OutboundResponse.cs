using System.Net.Http.Headers;

namespace Tessera.Outbound;

/// <summary>A response read whole within the limits: the final URL (after redirects), status, headers and body.</summary>
public sealed record OutboundResponse(Uri Url, int StatusCode, HttpResponseHeaders Headers, HttpContentHeaders ContentHeaders, byte[] Body)
{
    public bool IsSuccess => StatusCode is >= 200 and <= 299;
}
