using System.Text.Json.Serialization;
using Tessera.Accounts;
using Tessera.Common;
using Tessera.Http;
using Tessera.Ledger;
using Tessera.Surfaces.Discovery;

namespace Tessera.Surfaces.PixelsOcean;

/// <summary>
/// <c>GET /api/media/credits</c> (seed: "Credit ledger &amp; totals"): the caller's Tessera credits and Pixcoins — totals
/// in, out, held and available — and their posted movements, newest first. One account system, one ledger: the statement
/// shows whatever moved these currencies, on any surface (a PixelDojo job's credits too), so the totals always add up.
/// </summary>
public static class OceanCreditsEndpoints
{
    private const int DefaultPage = 50;
    private const int MaxPage = 200;

    /// <summary>The currencies Pixels Ocean speaks: Tessera ("BotForge") credits and Pixcoins (DECISIONS).</summary>
    private static readonly Currency[] OceanCurrencies = [Currency.Credits, Currency.Pixcoins];

    public static RouteGroupBuilder MapOceanCredits(this RouteGroupBuilder media)
    {
        media.MapGet("/credits", CreditsAsync)
            .Documented(PixelsOceanSurface.Sections.Media, "Credit ledger & totals",
                $"Your Tessera credits and Pixcoins: per currency the totals (`in`, `out`, `held`, `available`) and the posted entries, newest first (`amount` positive in, negative out). `currency` (credits | pixcoins) narrows the entries; `limit` (default {DefaultPage}, max {MaxPage}); `before` = the previous page's `next_before` for the next page.",
                response: """{"success":true,"balances":{"credits":12.5,"pixcoins":0},"totals":[{"currency":"credits","in":20,"out":7.5,"held":0,"available":12.5},{"currency":"pixcoins","in":0,"out":0,"held":0,"available":0}],"entries":[{"id":118,"currency":"credits","pool":"purchased","amount":-1.5,"kind":"post","reason":null,"created_at":"2026-12-05T21:00:00+00:00"}],"next_before":null}""");
        return media;
    }

    public sealed record CreditsResponse(
        bool Success,
        IReadOnlyDictionary<string, decimal> Balances,
        IReadOnlyList<OceanTotals> Totals,
        IReadOnlyList<OceanEntry> Entries,
        [property: JsonPropertyName("next_before")] long? NextBefore);

    public sealed record OceanTotals(string Currency, decimal In, decimal Out, decimal Held, decimal Available);

    public sealed record OceanEntry(
        long Id, string Currency, string? Pool, decimal Amount, string Kind, string? Reason, [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt);

    private static async Task<IResult> CreditsAsync(
        string? currency, string? limit, string? before, HttpContext context, LedgerService ledger, CancellationToken ct)
    {
        var page = OceanInput.Int(limit, "limit", DefaultPage, 1, MaxPage, clamp: true);
        var cursor = OceanInput.Id(before, "before");
        if (!page.IsSuccess || !cursor.IsSuccess)
        {
            return new ErrorResult((!page.IsSuccess ? page.Error : cursor.Error)!);
        }

        Currency? only = null;
        if (!string.IsNullOrEmpty(currency))
        {
            only = OceanCurrencies.FirstOrDefault(known => string.Equals(known.Name, currency.Trim(), StringComparison.OrdinalIgnoreCase));
            if (only is null)
            {
                return new ErrorResult(Error.Validation("'currency' must be credits or pixcoins."));
            }
        }

        var owner = TesseraClaims.AccountIdOf(context.User)!;
        var totals = (await ledger.TotalsAsync(owner, ct)).Where(total => OceanCurrencies.Any(known => known.Name == total.Currency)).ToList();
        // One row more than the page says whether another page follows.
        var entries = await ledger.StatementAsync(owner, only is null ? OceanCurrencies : [only], page.Value + 1, cursor.Value, ct);
        var more = entries.Count > page.Value;
        var shown = entries.Take(page.Value).Select(entry => new OceanEntry(entry.Id, entry.Currency, entry.Pool, entry.Amount, entry.Kind, entry.Reason, entry.At)).ToList();
        return TypedResults.Ok(new CreditsResponse(
            true,
            totals.ToDictionary(total => total.Currency, total => total.Available),
            [.. totals.Select(total => new OceanTotals(total.Currency, total.In, total.Out, total.Held, total.Available))],
            shown,
            more ? shown[^1].Id : null));
    }
}
