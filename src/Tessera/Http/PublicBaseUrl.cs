namespace Tessera.Http;

/// <summary>
/// The root every absolute URL Tessera writes starts with: <c>Tessera:PublicBaseUrl</c> when set (behind a proxy,
/// DECISIONS.md), else the request's own scheme, host and path base.
/// </summary>
public static class PublicBaseUrl
{
    public static string Of(HttpRequest request, IConfiguration configuration)
    {
        var configured = configuration["Tessera:PublicBaseUrl"];
        return string.IsNullOrWhiteSpace(configured) ? $"{request.Scheme}://{request.Host}{request.PathBase}" : configured.TrimEnd('/');
    }
}
