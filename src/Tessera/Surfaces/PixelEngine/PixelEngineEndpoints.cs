using Tessera.Accounts;
using Tessera.Http;

namespace Tessera.Surfaces.PixelEngine;

/// <summary>
/// Pixel Engine (seed: pixel-engine.txt) under its path base (<c>/engine</c>): sprite animation jobs from an image and a
/// prompt, credits with holds, and the account's own key management. Every route lives under <c>/functions/v1</c>.
/// </summary>
public static class PixelEngineEndpoints
{
    /// <summary>Keys made through Pixel Engine look like its docs' keys (DECISIONS, Wave-1 corrections).</summary>
    public const string KeyPrefix = "pe_sk_";

    public static IEndpointRouteBuilder MapPixelEngine(this IEndpointRouteBuilder endpoints)
    {
        var surface = endpoints.ServiceProvider.GetRequiredService<SurfaceRegistry>().Get(PixelEngineSurface.Name);
        var api = endpoints.MapGroup(surface.PathBase + "/functions/v1").WithGroupName(PixelEngineSurface.Name);
        api.MapPixelEngineBalance();
        api.MapPixelEngineKeys();
        api.MapPixelEngineAnimate();
        api.MapPixelEngineJobs();
        endpoints.MapPixelEngineLlmsText(surface.PathBase);
        return endpoints;
    }
}
