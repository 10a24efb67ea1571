using Tessera.Canvas.Placements;
using Tessera.Http;

namespace Tessera.Surfaces.BillionSatoshi;

/// <summary><c>POST /api/placements/quote {x, y, size}</c> → <c>{available, sats, pixels, nearest}</c>: no side effects (read from memory).</summary>
public static class BsapQuoteEndpoints
{
    public static RouteGroupBuilder MapBsapQuote(this RouteGroupBuilder api)
    {
        api.MapPost("/placements/quote", QuoteAsync);
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
