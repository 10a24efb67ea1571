using Tessera.Http;

namespace Tessera.Surfaces.PixelsOcean;

/// <summary>
/// The web pages under the surface's path base, from <c>wwwroot/ocean/</c> (the descriptor's <see cref="SurfaceDescriptor.Web"/>,
/// mapped with its assets by <see cref="SurfaceExtensions.MapSurfaces"/>): <c>/ocean/</c>, the media library (it asks for
/// the API key and keeps it in the tab's session storage), and here <c>/ocean/gallery/{token}</c>, a shared collection
/// (the same file for every token), and <c>/ocean/editor/{media_id}</c>, the Live Editor (it asks for the key like
/// the library). All call the public API only, so moving the library behind a sign-in later changes
/// no route.
/// </summary>
public static class OceanWebPages
{
    public static IEndpointRouteBuilder MapOceanWebPages(this IEndpointRouteBuilder endpoints, string pathBase)
    {
        var gallery = endpoints.ServiceProvider.GetSurfaceDescriptor(PixelsOceanSurface.Name).Web!["gallery.html"];
        endpoints.MapWebAsset(pathBase + "/gallery/{token}", gallery.Serve);
        endpoints.MapWebAsset(pathBase + "/editor/{mediaId:long}", endpoints.ServiceProvider.GetSurfaceDescriptor(PixelsOceanSurface.Name).Web!["editor.html"].Serve);
        return endpoints;
    }
}
