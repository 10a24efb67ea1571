using Tessera.Http;

namespace Tessera.Surfaces.OneMillionPixels;

/// <summary>
/// The web pages under the surface's path base, from <c>wwwroot/omp/</c> (the descriptor's <see cref="SurfaceDescriptor.Web"/>):
/// <c>/omp/</c> (the live canvas) and its assets (<c>/omp/app.js</c>, <c>/omp/vendor/...</c>) are mapped from the
/// descriptor (<see cref="SurfaceExtensions.MapSurfaces"/>); this adds <c>/omp/p/{public_key}</c>, the promo landing page
/// (the same file for every key). One literal route per file: no catch-all, so an unknown <c>/omp/...</c> path still
/// gets the surface's own 404.
/// </summary>
public static class OmpWebPages
{
    public static IEndpointRouteBuilder MapOmpWebPages(this IEndpointRouteBuilder endpoints, string pathBase)
    {
        var promo = endpoints.ServiceProvider.GetSurfaceDescriptor(OneMillionPixelsSurface.Name).Web!["promo.html"];

        // "/omp/p/{key}/" → "/omp/p/{key}": the page finds its assets at "../".
        endpoints.MapWebAsset(pathBase + "/p/{publicKey}", context => context.Request.Path.Value!.EndsWith('/')
            ? Results.Redirect($"{context.Request.PathBase}{context.Request.Path.Value.TrimEnd('/')}{context.Request.QueryString}")
            : promo.Serve(context));
        return endpoints;
    }
}
