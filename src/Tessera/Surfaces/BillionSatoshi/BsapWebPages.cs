using Tessera.Http;

namespace Tessera.Surfaces.BillionSatoshi;

/// <summary>
/// The web page under the surface's path base: <c>/bsap/</c> (a deep-zoom viewer of the canvas over the tile pyramid,
/// placement cards, the buy flow) and its assets (<c>/bsap/app.js</c>, <c>/bsap/vendor/openseadragon.min.js</c>), from
/// <c>wwwroot/bsap/</c> embedded in the assembly (<see cref="WebAssets"/>). One literal route per file: an unknown
/// <c>/bsap/...</c> path still gets the surface's JSON 404. See docs/billion-satoshi.md, "Web page".
/// </summary>
public static class BsapWebPages
{
    public static IEndpointRouteBuilder MapBsapWebPages(this IEndpointRouteBuilder endpoints, string pathBase)
    {
        var assets = WebAssets.Load("bsap");
        endpoints.MapWebPage(pathBase, assets["index.html"]);
        endpoints.MapWebAssetFiles(pathBase, assets);
        endpoints.MapSiteIcons(pathBase);
        return endpoints;
    }
}
