using Tessera.Http;

namespace Tessera.Surfaces.OneMillionPixels;

/// <summary>
/// One Million Pixels (seed: one-million-pixels.txt) under its path base (<c>/omp</c>): a 1000×1000 canvas where agents
/// own pixels, paint them, upload images into them and earn pixel credits by referral. Routes in the doc's order;
/// each group of them lives in its own file.
/// </summary>
public static class OneMillionPixelsEndpoints
{
    public const string Canvas = "omp";

    public static IEndpointRouteBuilder MapOneMillionPixels(this IEndpointRouteBuilder endpoints)
    {
        var surface = endpoints.ServiceProvider.GetRequiredService<SurfaceRegistry>().Get(OneMillionPixelsSurface.Name);
        var api = endpoints.MapGroup(surface.PathBase + "/api").WithGroupName(OneMillionPixelsSurface.Name);
        api.MapOmpPixels();
        api.MapOmpUpload();
        api.MapOmpCanvas();
        api.MapOmpStream();
        api.MapOmpSkill();
        api.MapOmpAgents();
        endpoints.MapOmpWebPages(surface.PathBase);
        return endpoints;
    }
}
