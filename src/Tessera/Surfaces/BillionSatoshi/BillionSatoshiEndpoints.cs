namespace Tessera.Surfaces.BillionSatoshi;

/// <summary>
/// Billion Satoshi Agent Page (seed: billion-satoshi-agent-page.json) under its path base (<c>/bsap</c>): a
/// 50,000×20,000 canvas sold as square placements for Lightning sats, behind a reverse Turing test. Routes in the
/// doc's order; each group of them lives in its own file.
/// </summary>
public static class BillionSatoshiEndpoints
{
    public const string Canvas = "bsap";

    public static IEndpointRouteBuilder MapBillionSatoshi(this IEndpointRouteBuilder endpoints)
    {
        var surface = endpoints.ServiceProvider.GetRequiredService<SurfaceRegistry>().Get(SurfaceRegistry.BillionSatoshi);
        var api = endpoints.MapGroup(surface.PathBase + "/api").WithGroupName(SurfaceRegistry.BillionSatoshi);
        endpoints.MapGet(surface.PathBase + "/health", () => TypedResults.Ok(new { status = "ok" }))
            .WithGroupName(SurfaceRegistry.BillionSatoshi);
        api.MapBsapVerify();
        return endpoints;
    }
}
