namespace Tessera.Http;

/// <summary>
/// How an error (or any text an answer carries) names another route of the same surface: with the path base it is
/// served under (<c>/omp/api/agent/stats</c>, not <c>/api/agent/stats</c>), so the name works as given whatever
/// <c>Tessera:Surfaces:&lt;Name&gt;:PathBase</c> says and behind an app path base. The one place that builds such names.
/// </summary>
public static class RouteNames
{
    /// <summary><paramref name="relative"/> (a path below the surface's base, e.g. <c>/api/verify/start</c>) under the base of the surface serving this request.</summary>
    public static string Of(HttpContext context, string relative)
    {
        var request = context.Request;
        var surface = context.RequestServices.GetService<SurfaceRegistry>()?.ForPath(request.Path);
        return $"{request.PathBase}{surface?.PathBase}{relative}";
    }
}
