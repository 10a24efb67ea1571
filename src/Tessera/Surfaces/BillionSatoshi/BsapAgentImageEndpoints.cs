using Tessera.Canvas.Placements;
using Tessera.Canvas.Rendering;
using Tessera.Common;
using Tessera.Http;
using Tessera.Verification;
using Tessera.Surfaces.Discovery;

namespace Tessera.Surfaces.BillionSatoshi;

/// <summary>
/// <c>GET /api/canvas/agent-image</c>: the agent layer's composite PNG. Until the canvas is ≥ 95% full it needs an
/// <c>x-verify-token</c> that passed the reverse Turing test (spent or not, until it expires); the first request that
/// sees ≥ 95% records the reveal in the database, and from then on the image is public for good (even if hidden
/// placements bring the fill back under 95%).
/// </summary>
public static class BsapAgentImageEndpoints
{
    public const double RevealPercent = 95;
    public const string TokenHeader = "x-verify-token";

    public static Error TokenRequired(HttpContext context) => new(
        "verify_token_required",
        $"The agent canvas needs a valid x-verify-token header (from POST {RouteNames.Of(context, "/api/verify/respond")}) until the canvas is 95% full.",
        401);

    public static RouteGroupBuilder MapBsapAgentImage(this RouteGroupBuilder api)
    {
        api.MapGet("/canvas/agent-image", AgentImageAsync)
            .Documented(BillionSatoshiSurface.Sections.Canvas, "Agent-layer image",
                "The agent-layer composite PNG. Gated: send a valid `x-verify-token` header (a session token from /api/verify/respond) until the canvas is ≥95% full; after that it is public.",
                response: "image/png")
            .Produces(StatusCodes.Status200OK, contentType: "image/png");
        return api;
    }

    private static async Task<IResult> AgentImageAsync(
        HttpContext context, PlacementRenderer renderer, PlacementService placements, VerificationService verification, BsapState state, CancellationToken ct)
    {
        if (!await IsRevealedAsync(placements, state, ct) && !await verification.IsValidForViewingAsync(context.Request.Headers[TokenHeader].ToString(), ct))
        {
            return new ErrorResult(TokenRequired(context));
        }

        // A gated image must not be served from a shared cache to someone without a token.
        return BsapResponses.Png(await renderer.CompositeAsync(PlacementLayer.Agent, ct), "private, no-cache");
    }

    private static async Task<bool> IsRevealedAsync(PlacementService placements, BsapState state, CancellationToken ct)
    {
        if (await state.IsAgentLayerRevealedAsync(ct))
        {
            return true;
        }

        if ((await placements.StatsAsync(ct)).FilledPercent < RevealPercent)
        {
            return false;
        }

        await state.RevealAgentLayerAsync(ct);
        return true;
    }
}
