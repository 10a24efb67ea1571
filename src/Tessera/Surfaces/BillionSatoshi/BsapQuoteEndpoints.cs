using Tessera.Canvas.Placements;
using Tessera.Http;
using Tessera.Surfaces.Discovery;

namespace Tessera.Surfaces.BillionSatoshi;

/// <summary><c>POST /api/placements/quote {x, y, size}</c> → <c>{available, sats, pixels, nearest}</c>: no side effects (read from memory).</summary>
public static class BsapQuoteEndpoints
{
    public static RouteGroupBuilder MapBsapQuote(this RouteGroupBuilder api)
    {
        api.MapPost("/placements/quote", QuoteAsync)
            .Documented(BillionSatoshiSurface.Sections.Placements, "Quote a placement",
                "Check availability and get a price quote for a region. No side effects — safe to call before committing.",
                """{"x":0,"y":0,"size":100}""", """{"available":true,"sats":10000,"pixels":10000,"nearest":null}""")
            .Produces<QuoteResponse>();
        return api;
    }

    private static async Task<IResult> QuoteAsync(QuoteRequest? request, PlacementService placements, CancellationToken ct)
    {
        if (request is not { X: { } x, Y: { } y, Size: { } size })
        {
            return new ErrorResult(BsapNumbers.SquareError);
        }

        var quote = await placements.QuoteAsync(x, y, size, ct);
        return quote.IsSuccess
            ? TypedResults.Ok(new QuoteResponse(quote.Value.Available, quote.Value.Sats, quote.Value.Pixels, NearestBody.Of(quote.Value.Nearest)))
            : new ErrorResult(quote.Error);
    }
}
