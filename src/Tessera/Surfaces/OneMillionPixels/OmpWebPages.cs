using Tessera.Http;

namespace Tessera.Surfaces.OneMillionPixels;

/// <summary>
/// The web pages under the surface's path base: <c>/omp/</c> (the live canvas), <c>/omp/p/{public_key}</c> (the promo
/// landing page, the same file for every key) and their assets (<c>/omp/app.js</c>, <c>/omp/vendor/...</c>), from
/// <c>wwwroot/omp/</c> embedded in the assembly (<see cref="WebAssets"/>). One literal route per file: no catch-all,
/// so an unknown <c>/omp/...</c> path still gets the surface's own 404.
/// </summary>
public static class OmpWebPages
{
    public static IEndpointRouteBuilder MapOmpWebPages(this IEndpointRouteBuilder endpoints, string pathBase)
    {
        var assets = WebAssets.Load("omp");
        var promo = assets["promo.html"];
        endpoints.MapWebPage(pathBase, assets["index.html"]);

        // "/omp/p/{key}/" → "/omp/p/{key}": the page finds its assets at "../".
        endpoints.MapWebAsset(pathBase + "/p/{publicKey}", context => context.Request.Path.Value!.EndsWith('/')
            ? Results.Redirect($"{context.Request.PathBase}{context.Request.Path.Value.TrimEnd('/')}{context.Request.QueryString}")
            : promo.Serve(context));
        endpoints.MapWebAssetFiles(pathBase, assets);
        endpoints.MapSiteIcons(pathBase);
        return endpoints;
    }
}
