using Tessera.Canvas.Pixels;
using Tessera.RateLimits;
using Tessera.Surfaces.Discovery;

namespace Tessera.Surfaces.OneMillionPixels;

/// <summary><c>GET /api/canvas</c>: the canvas's PNG (1000×1000 unless configured), encoded once per change, with ETag / If-None-Match.</summary>
public static class OmpCanvasEndpoints
{
    public static RouteGroupBuilder MapOmpCanvas(this RouteGroupBuilder api)
    {
        var size = ((IEndpointRouteBuilder)api).ServiceProvider.GetRequiredService<CanvasRegistry>().Find(OneMillionPixelsEndpoints.Canvas)!.Definition;

        // In-memory token bucket per IP (memory store): no database round trip on the hot PNG path.
        api.MapGet("/canvas", CanvasPng).RequireRateLimit(OneMillionPixelsSurface.Policies.Reads)
            .Documented(OneMillionPixelsSurface.Sections.Endpoints, "Get the master PNG image of the entire canvas", $"The {size.Width}×{size.Height} canvas as a PNG, with ETag / If-None-Match.", response: "image/png")
            .Produces(StatusCodes.Status200OK, contentType: "image/png");
        return api;
    }

    // The cached body answers 200 or 304 itself, with header values made once per change (Http/CachedBody.cs).
    private static IResult CanvasPng(CanvasRegistry canvases) => canvases.Find(OneMillionPixelsEndpoints.Canvas)!.PngBody();
}
