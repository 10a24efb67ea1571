using Tessera.Surfaces;

namespace Tessera.Surfaces.PixelEngine;

/// <summary>
/// Pixel Engine (seed: pixel-engine.txt) under its path base (<c>/engine</c>): sprite animation jobs from an image and a
/// prompt, credits with holds, and the account's own key management. Every route lives under <c>/functions/v1</c>.
/// </summary>
public static class PixelEngineEndpoints
{
    public const string KeyPrefix = "pe_sk_";

    public static IEndpointRouteBuilder MapPixelEngine(this IEndpointRouteBuilder endpoints)
    {
        var surface = endpoints.ServiceProvider.GetRequiredService<SurfaceRegistry>().Get(SurfaceRegistry.PixelEngine);
        var api = endpoints.MapGroup(surface.PathBase + "/functions/v1").WithGroupName(SurfaceRegistry.PixelEngine);
        api.MapPixelEngineBalance();
        api.MapPixelEngineKeys();
        api.MapPixelEngineAnimate();
        api.MapPixelEngineJobs();
        endpoints.MapPixelEngineLlmsText(surface.PathBase);
        return endpoints;
    }
}
