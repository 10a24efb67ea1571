using Tessera.Surfaces.Discovery;
using Microsoft.AspNetCore.Http.HttpResults;
using Tessera.Accounts;
using Tessera.Ledger;

using Tessera.Http;

namespace Tessera.Surfaces.PixelDojo;

/// <summary>
/// <c>GET /credits</c>: the caller's spendable credits without submitting a job (the seed shows the balance only as
/// <c>creditsRemaining</c> in a run's answer, so an agent had to spend to learn it). Same name and number as that field:
/// the Ledger's available balance, monthly and purchased pools together, after holds.
/// </summary>
public static class DojoCreditsEndpoints
{
    public static RouteGroupBuilder MapDojoCredits(this RouteGroupBuilder api)
    {
        api.MapGet("/credits", GetCreditsAsync)
            .RequireKey()
            .WithSummary("Get your credit balance")
            .WithDescription("Free. The credits you can spend now (`creditsRemaining`, the same figure a run answer carries), after what running jobs hold back. Costs are per image (image models) or per second (video models); see GET /models.")
            .WithDojoErrors(401, 403, 429)
            .WithMetadata(new ApiExample(null, """{"creditsRemaining":99}"""));
        return api;
    }

    private static async Task<Ok<DojoCreditsResponse>> GetCreditsAsync(HttpContext context, LedgerService ledger, CancellationToken ct) =>
        TypedResults.Ok(new DojoCreditsResponse(await ledger.AvailableAsync(TesseraClaims.AccountIdOf(context.User)!, Currency.Credits, ct)));
}

/// <summary><c>{"creditsRemaining": 99}</c>: credits in display units, as in the run answer.</summary>
public sealed record DojoCreditsResponse(decimal CreditsRemaining);
