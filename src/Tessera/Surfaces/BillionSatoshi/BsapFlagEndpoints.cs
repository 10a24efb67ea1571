using Tessera.Canvas.Placements;
using Tessera.Common;
using Tessera.Http;
using Tessera.RateLimits;
using Tessera.Surfaces.Discovery;

namespace Tessera.Surfaces.BillionSatoshi;

/// <summary>
/// <c>POST /api/placements/:id/flag</c>: one flag per IP per placement (a repeat is 409 <c>already_flagged</c>); at
/// <c>Tessera:Canvas:Placements:HideAfterFlags</c> distinct IPs (5) the placement is hidden pending review.
/// </summary>
public static class BsapFlagEndpoints
{
    public static readonly Error AlreadyFlagged = Error.Conflict("already_flagged", "This IP has already flagged this placement.");

    public static RouteGroupBuilder MapBsapFlag(this RouteGroupBuilder api)
    {
        api.MapPost("/placements/{id}/flag", FlagAsync)
            .Documented(BillionSatoshiSurface.Sections.Placements, "Flag a placement", "Flag a placement for review. One flag per IP per placement. No body.",
                response: """{"id":"...","flagged":true,"flags":1,"hidden":false}""")
            .Produces<FlagResponse>();
        return api;
    }

    private static async Task<IResult> FlagAsync(HttpContext context, string id, PlacementService placements, CancellationToken ct)
    {
        var flagged = await placements.FlagAsync(id, RatePartitioner.ClientAddress(context.Connection.RemoteIpAddress), ct);
        if (!flagged.IsSuccess)
        {
            return new ErrorResult(flagged.Error);
        }

        return flagged.Value.Counted
            ? TypedResults.Ok(new FlagResponse(id, true, flagged.Value.Flags, flagged.Value.Hidden))
            : new ErrorResult(AlreadyFlagged);
    }
}
