using Microsoft.AspNetCore.Http.HttpResults;
using Tessera.Accounts;
using Tessera.Http;
using Tessera.Ledger;
using Tessera.Surfaces.Discovery;

namespace Tessera.Surfaces.PixelEngine;

/// <summary><c>GET /balance</c>: the two credit pools, what holds keep back, and what a new job may spend (free).</summary>
public static class PixelEngineBalanceEndpoints
{
    public static RouteGroupBuilder MapPixelEngineBalance(this RouteGroupBuilder api)
    {
        api.MapGet("/balance", GetBalance).RequireKey()
            .Documented(PixelEngineSurface.Sections.Credits, "Get balance",
                "Free. Credits by pool after holds: monthly credits are spent first, then purchased; `held` is what running jobs keep back; `available = monthly + purchased`.",
                response: """{"monthly":180,"purchased":50,"held":20,"available":230}""");
        return api;
    }

    private static async Task<Ok<BalanceResponse>> GetBalance(HttpContext context, LedgerService ledger, CancellationToken ct)
    {
        var credits = (await ledger.BalancesAsync(TesseraClaims.AccountIdOf(context.User)!, ct))
            .Where(balance => balance.Currency == Currency.Credits.Name)
            .ToList();
        return TypedResults.Ok(new BalanceResponse(
            credits.AvailableOf(Currency.Credits, Currency.Monthly), credits.AvailableOf(Currency.Credits, Currency.Purchased),
            credits.Sum(b => b.Held), credits.AvailableOf(Currency.Credits)));
    }
}

/// <summary>Credits by pool, after holds: <c>monthly + purchased = available</c>; <c>held</c> is what running jobs keep back.</summary>
public sealed record BalanceResponse(decimal Monthly, decimal Purchased, decimal Held, decimal Available);
