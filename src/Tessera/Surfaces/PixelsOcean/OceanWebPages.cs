using Tessera.Http;

namespace Tessera.Surfaces.PixelsOcean;

/// <summary>
/// The web pages under the surface's path base, from <c>wwwroot/ocean/</c> (<see cref="WebAssets"/>): <c>/ocean/</c>, the
/// media library (it asks for the API key and keeps it in the tab's session storage), and <c>/ocean/gallery/{token}</c>,
/// a shared collection (the same file for every token), and <c>/ocean/editor/{media_id}</c>, the Live Editor (it asks for
/// the key like the library). Both call the public API only, so moving the library behind a
/// sign-in later changes no route.
/// </summary>
public static class OceanWebPages
{
    public static IEndpointRouteBuilder MapOceanWebPages(this IEndpointRouteBuilder endpoints, string pathBase)
    {
        var assets = WebAssets.Load("ocean");
        var gallery = assets["gallery.html"];
        endpoints.MapWebPage(pathBase, assets["index.html"]);
        endpoints.MapWebAsset(pathBase + "/gallery/{token}", gallery.Serve);
        endpoints.MapWebAsset(pathBase + "/editor/{mediaId:long}", assets["editor.html"].Serve);
        endpoints.MapWebAssetFiles(pathBase, assets);
        endpoints.MapSiteIcons(pathBase);
        return endpoints;
    }
}
