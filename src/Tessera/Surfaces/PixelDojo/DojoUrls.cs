using Tessera.Http;

namespace Tessera.Surfaces.PixelDojo;

/// <summary>Absolute URLs of the surface's own routes, from <c>Tessera:PublicBaseUrl</c> (or the request) and the surface's path base.</summary>
internal static class DojoUrls
{
    public const string ApiPrefix = "/api/v1";

    public static string ApiBase(HttpContext context, IConfiguration configuration)
    {
        var surface = context.RequestServices.GetRequiredService<SurfaceRegistry>().Get(PixelDojoSurface.Name);
        return Root(context, configuration) + surface.PathBase + ApiPrefix;
    }

    /// <summary>The server's public root (no surface path base).</summary>
    public static string Root(HttpContext context, IConfiguration configuration) => PublicBaseUrl.Of(context.Request, configuration);

    public static string Job(HttpContext context, IConfiguration configuration, string jobId) =>
        $"{ApiBase(context, configuration)}/jobs/{Uri.EscapeDataString(jobId)}";
}
