using Tessera.Http;
using Tessera.Surfaces.Discovery;

namespace Tessera.Surfaces.BillionSatoshi;

/// <summary>
/// Billion Satoshi Agent Page (seed: billion-satoshi-agent-page.json) under its path base (<c>/bsap</c>): a
/// 50,000×20,000 canvas sold as square placements for Lightning sats, behind a reverse Turing test. Routes in the
/// doc's order; each group of them lives in its own file. See docs/billion-satoshi.md.
/// </summary>
public static class BillionSatoshiEndpoints
{
    public const string Canvas = "bsap";

    /// <summary>The surface's services (its persistent state: the agent-layer reveal).</summary>
    public static IHostApplicationBuilder AddBillionSatoshi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<BsapState>();
        return builder.AddSurface(BillionSatoshiSurface.Descriptor);
    }

    public static IEndpointRouteBuilder MapBillionSatoshi(this IEndpointRouteBuilder endpoints)
    {
        var surface = endpoints.ServiceProvider.GetRequiredService<SurfaceRegistry>().Get(BillionSatoshiSurface.Name);
        var api = endpoints.MapGroup(surface.PathBase + "/api").WithGroupName(BillionSatoshiSurface.Name);
        endpoints.MapGet(surface.PathBase + "/health", () => TypedResults.Ok(new { status = "ok" }))
            .WithGroupName(BillionSatoshiSurface.Name)
            .Documented(BillionSatoshiSurface.Sections.Canvas, "Health", "Liveness of the surface: `{\"status\":\"ok\"}`.", response: """{"status":"ok"}""");
        api.MapBsapCanvas(surface.PathBase);
        api.MapBsapVerify();
        api.MapBsapQuote();
        api.MapBsapPlacements(surface.PathBase);
        api.MapBsapAgentImage();
        api.MapBsapStatus();
        api.MapBsapFlag();
        api.MapBsapQr();
        endpoints.MapBsapDiscovery(surface.PathBase);
        return endpoints;
    }
}
