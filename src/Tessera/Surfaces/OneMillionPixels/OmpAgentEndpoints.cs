using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Tessera.Accounts;
using Tessera.Canvas;
using Tessera.Http;
using Tessera.Http.Idempotency;
using Tessera.Ledger;
using Tessera.RateLimits;
using Tessera.Surfaces.Discovery;

namespace Tessera.Surfaces.OneMillionPixels;

/// <summary>Agents and referrals: <c>POST/GET /api/agent</c>, <c>/api/agent/stats</c>, <c>/api/agent/convert</c>, <c>/api/referral</c>.
/// Bodies and codes are in docs/one-million-pixels.md (Agents, Referrals, Convert).</summary>
public static class OmpAgentEndpoints
{
    /// <summary>The services behind these routes (called from the host's module list).</summary>
    public static IHostApplicationBuilder AddOmpAgents(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<OmpAgentOptions>().BindConfiguration(OmpAgentOptions.Section)
            .Validate(options => options.MaxCountedViewsPerIpPerDay > 0, "MaxCountedViewsPerIpPerDay must be positive")
            .ValidateOnStart();
        builder.Services.AddSingleton<PromoLinks>();
        builder.Services.AddSingleton<ReferralService>();
        return builder;
    }

    public static RouteGroupBuilder MapOmpAgents(this RouteGroupBuilder api)
    {
        api.MapPost("/agent", CreateAgent).RequireRateLimit(OneMillionPixelsSurface.Policies.Agents)
            .Documented(OneMillionPixelsSurface.Sections.ReferralAndAgents, "Create an anonymous agent",
                "Creates an agent account from a stable fingerprint: its private key (shown once), public key (also its promo code), promo link and QR code. A known fingerprint → 409 `agent_exists`.",
                """{"fingerprint":"your-stable-fingerprint"}""",
                """{"account_id":"...","private_key":"...","public_key":"...","promo_link":"https://host/omp/promo/...","qr_code":"data:image/png;base64,..."}""");
        api.MapGet("/agent", GetAgent).RequireKey()
            .Documented(OneMillionPixelsSurface.Sections.ReferralAndAgents, "Your agent", "Your agent: public key, promo link, stats and owned pixels (agent keys only).");
        api.MapGet("/agent/stats", GetStats).RequireKey()
            .Documented(OneMillionPixelsSurface.Sections.ReferralAndAgents, "Agent stats", "Your view count and pixel credits (any key; views come from an agent's promo link).");
        api.MapPost("/agent/convert", ConvertCredits).RequireKey(Scopes.Canvas).WithIdempotency()
            .Documented(OneMillionPixelsSurface.Sections.ReferralAndAgents, "Convert pixel credits",
                "Turns pixel credits into the largest free square that fits at `start_x`, `start_y`.",
                """{"start_x":0,"start_y":0}""");
        api.MapPost("/referral", RecordReferral)
            .Documented(OneMillionPixelsSurface.Sections.ReferralAndAgents, "Record a referral view",
                "What a promo page calls: one unique view per fingerprint per promo code; 1,000 unique views make 1 pixel credit.",
                """{"promo_code":"PUBLIC_KEY","fingerprint":"visitor-fingerprint"}""");
        return api;
    }

    private static async Task<Results<Created<CreatedAgentResponse>, ErrorResult>> CreateAgent(
        CreateAgentRequest? request, AgentService agents, PromoLinks links, HttpRequest http, CancellationToken ct)
    {
        var created = await agents.CreateAsync(request?.Fingerprint, ct);
        if (!created.IsSuccess)
        {
            return new ErrorResult(created.Error);
        }

        var (account, agent, privateKey) = created.Value;
        var link = links.For(http, agent.PublicKey);
        return TypedResults.Created(
            $"{http.PathBase}{http.Path}",
            new CreatedAgentResponse(account.Id, privateKey, agent.PublicKey, link, PromoLinks.QrCode(link)));
    }

    private static async Task<Results<Ok<AgentResponse>, ErrorResult>> GetAgent(
        HttpContext context, AgentService agents, PromoLinks links, ReferralService referrals, ClaimService claims, LedgerService ledger, CancellationToken ct)
    {
        var accountId = TesseraClaims.AccountIdOf(context.User)!;
        var agent = await agents.FindByAccountAsync(accountId, ct);
        if (agent is null)
        {
            return new ErrorResult(new("not_an_agent", $"This key's account is not an agent; GET {RouteNames.Of(context, "/api/agent/stats")} works for any key.", 404));
        }

        var stats = await StatsAsync(accountId, referrals, claims, ledger, ct);
        var link = links.For(context.Request, agent.PublicKey);
        return TypedResults.Ok(new AgentResponse(
            accountId, agent.PublicKey, link, PromoLinks.QrCode(link),
            stats.Views, stats.UniqueViews, stats.PixelCredits, stats.OwnedPixels, stats.Claims));
    }

    private static async Task<Ok<AgentStatsResponse>> GetStats(
        HttpContext context, ReferralService referrals, ClaimService claims, LedgerService ledger, CancellationToken ct) =>
        TypedResults.Ok(await StatsAsync(TesseraClaims.AccountIdOf(context.User)!, referrals, claims, ledger, ct));

    private static async Task<Results<Created<ConvertResponse>, ErrorResult>> ConvertCredits(
        ConvertRequest? request, HttpContext context, PixelCreditConversion conversion, CancellationToken ct)
    {
        var result = await conversion.ConvertAsync(OneMillionPixelsEndpoints.Canvas, TesseraClaims.AccountIdOf(context.User)!, request?.StartX, request?.StartY, ct);
        if (!result.IsSuccess)
        {
            return new ErrorResult(result.Error);
        }

        var (claim, spent, remaining) = result.Value;
        var body = new ConvertResponse(claim.Id, claim.X, claim.Y, claim.Width, (long)claim.Width * claim.Width, spent, remaining);
        return TypedResults.Created($"{context.Request.PathBase}{context.Request.Path}", body);
    }

    private static async Task<Results<Ok<ReferralResponse>, ErrorResult>> RecordReferral(
        ReferralRequest? request, HttpContext context, ReferralService referrals, AgentService agents, CancellationToken ct)
    {
        var address = RatePartitioner.ClientAddress(context.Connection.RemoteIpAddress);
        var outcome = await referrals.RecordViewAsync(request?.PromoCode, request?.Fingerprint, address, agents, ct);
        return outcome.IsSuccess
            ? TypedResults.Ok(new ReferralResponse(outcome.Value.Counted, outcome.Value.Reason, outcome.Value.Counted ? OmpAgentOptions.CreditPerView : 0m))
            : new ErrorResult(outcome.Error);
    }

    private static async Task<AgentStatsResponse> StatsAsync(string accountId, ReferralService referrals, ClaimService claims, LedgerService ledger, CancellationToken ct)
    {
        var views = await referrals.StatsAsync(accountId, ct);
        var owned = (await claims.ListAsync(OneMillionPixelsEndpoints.Canvas, accountId, ct)).Select(OwnedClaim.From).ToList();
        var credits = await ledger.AvailableAsync(accountId, Currency.PixelCredits, ct);
        return new AgentStatsResponse(views.Views, views.UniqueViews, credits, owned.Sum(c => c.Pixels), owned);
    }
}
