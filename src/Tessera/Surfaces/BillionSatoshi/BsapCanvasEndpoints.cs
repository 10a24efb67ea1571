using Microsoft.Extensions.Options;
using Tessera.Canvas.Placements;
using Tessera.Canvas.Rendering;
using Tessera.Common;
using Tessera.Http;
using Tessera.Verification;
using Tessera.Surfaces.Discovery;

namespace Tessera.Surfaces.BillionSatoshi;

/// <summary>
/// The canvas reads: <c>GET /api/canvas</c> (placements, stats, settings), <c>GET /api/canvas/image</c> (1000×400 PNG),
/// <c>GET /api/canvas/available</c>, and Tessera's deep-zoom tiles <c>GET /api/canvas/tiles/{z}/{x}/{y}.png</c>.
/// </summary>
public static class BsapCanvasEndpoints
{
    /// <summary>Most placements one page of <c>GET /api/canvas</c> lists when the client asks for a page.</summary>
    public const int MaxPageSize = 10_000;

    public static RouteGroupBuilder MapBsapCanvas(this RouteGroupBuilder api, string pathBase)
    {
        api.MapGet("/canvas", (PlacementService placements, PlacementRenderer renderer, VerificationService verification, BsapState state,
                IOptions<PlacementOptions> options, int? limit, int? offset, CancellationToken ct) =>
            CanvasAsync(placements, renderer, verification, state, options.Value, pathBase, limit, offset, ct))
            .Documented(BillionSatoshiSurface.Sections.Canvas, "Fetch the canvas",
                $"Fetch all active placements, canvas stats, and current mode/threshold settings. Optional paging: `limit` (1-{MaxPageSize}) and `offset`; `next` is the next page's offset or null.",
                response: """{"placements":[{"id":"...","x":0,"y":0,"size":100,"imageUrl":"...","url":null,"message":null,"agentIdentity":null}],"stats":{"filledPercent":0.001,"activePixels":10000,"satsRaised":10000},"canvas":{"width":50000,"height":20000,"pixelPriceSats":1,"totalSats":1000000000},"mode":"agent","threshold":40,"agentLayerRevealed":false,"total":1,"offset":0,"next":null}""")
            .Produces<CanvasResponse>();
        api.MapGet("/canvas/image", ImageAsync)
            .Documented(BillionSatoshiSurface.Sections.Canvas, "Canvas image", "The current composite canvas as a PNG (1000×400, 1:50 scale).", response: "image/png")
            .Produces(StatusCodes.Status200OK, contentType: "image/png");
        api.MapGet("/canvas/available", AvailableAsync)
            .Documented(BillionSatoshiSurface.Sections.Canvas, "Check availability",
                "Check whether the square at x, y with side `size` is free. Returns `{available, nearest}`; `nearest` is the closest free position when taken.",
                response: """{"available":false,"nearest":{"x":100,"y":0}}""")
            .Produces<AvailabilityResponse>();
        api.MapGet("/canvas/tiles/{z:int}/{x:int}/{y}", TileAsync)
            .Documented(BillionSatoshiSurface.Sections.Canvas, "Canvas tile", "One 256×256 PNG tile of the public layer (`{y}` is `<row>.png`) at zoom level `z`, for deep-zoom viewers.", response: "image/png")
            .Produces(StatusCodes.Status200OK, contentType: "image/png");
        return api;
    }

    private static async Task<IResult> CanvasAsync(
        PlacementService placements, PlacementRenderer renderer, VerificationService verification, BsapState state,
        PlacementOptions options, string pathBase, int? limit, int? offset, CancellationToken ct)
    {
        if (limit is < 1 or > MaxPageSize || offset is < 0)
        {
            return new ErrorResult(Error.Validation($"limit must be 1-{MaxPageSize} and offset at least 0."));
        }

        var active = await placements.ListActiveAsync(ct);
        var stats = await placements.StatsAsync(ct);
        var start = Math.Min(offset ?? 0, active.Count);
        var count = Math.Min(limit ?? active.Count, active.Count - start);
        int? next = start + count < active.Count ? start + count : null;
        var (width, height) = (renderer.Pyramid.Width, renderer.Pyramid.Height);

        // Serialized as it is enumerated, so a large canvas streams instead of building a second copy of the list.
        var page = Enumerable.Range(start, count).Select(i => BsapResponses.Body(active[i], pathBase));
        return TypedResults.Ok(new CanvasResponse(
            page,
            new CanvasStatsBody(Math.Round(stats.FilledPercent, 4), stats.ActivePixels, stats.SatsRaised, stats.CountsByStatus),
            new CanvasInfoBody(width, height, options.SatsPerPixel, (long)width * height * options.SatsPerPixel),
            verification.ModeName,
            verification.Threshold,
            await state.IsAgentLayerRevealedAsync(ct),
            active.Count,
            start,
            next));
    }

    private static async Task<IResult> ImageAsync(PlacementRenderer renderer, CancellationToken ct) =>
        BsapResponses.Png(await renderer.CompositeAsync(PlacementLayer.Public, ct));

    private static async Task<IResult> AvailableAsync(PlacementService placements, string? x, string? y, string? size, CancellationToken ct)
    {
        if (BsapNumbers.Square(x, y, size) is not { } square)
        {
            return new ErrorResult(BsapNumbers.SquareError);
        }

        var result = await placements.AvailableAsync(square.X, square.Y, square.Size, ct);
        return result.IsSuccess
            ? TypedResults.Ok(new AvailabilityResponse(result.Value.Available, NearestBody.Of(result.Value.Nearest)))
            : new ErrorResult(result.Error);
    }

    private static async Task<IResult> TileAsync(PlacementRenderer renderer, int z, int x, string y, CancellationToken ct)
    {
        // The route takes "{y}.png" as one segment; anything else (or a tile outside the pyramid) is 404.
        if (!y.EndsWith(".png", StringComparison.Ordinal) || BsapNumbers.Parse(y[..^4]) is not { } row
            || await renderer.TileAsync(z, x, row, ct) is not { } tile)
        {
            return new ErrorResult(Error.NotFound("No such tile."));
        }

        return BsapResponses.Png(tile);
    }
}
