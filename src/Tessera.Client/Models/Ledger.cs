using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tessera.Client;

/// <summary>The currencies a grant can name, as the API spells them.</summary>
public static class Currencies
{
    public const string Credits = "credits";
    public const string Pixcoins = "pixcoins";
    public const string PixelCredits = "pixel_credits";
    public const string Sats = "sats";

    public static IReadOnlyList<string> All { get; } = [Credits, Pixcoins, PixelCredits, Sats];

    /// <summary>The pools of <see cref="Credits"/>; the other currencies have none.</summary>
    public static IReadOnlyList<string> CreditPools { get; } = ["monthly", "purchased"];
}

/// <summary>Body of <c>POST /admin/v1/accounts/{id}/grants</c>. <see cref="Amount"/> is in display units.</summary>
public sealed record GrantRequest(string Currency, decimal Amount, string? Pool = null, string? Reason = null);

/// <summary>The ledger transfer a grant made. Fields beyond these are kept in <see cref="Extra"/>.</summary>
public sealed record Transfer(string? Id, string? Currency, string? Pool, decimal? Amount)
{
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Extra { get; init; }
}

/// <summary>One currency (and pool, where it has them) of an account. Amounts in display units.</summary>
public sealed record Balance(string Currency, string? Pool, decimal Posted, decimal Held, decimal Available);

/// <summary>Answer of <c>GET /admin/v1/accounts/{id}/balances</c>.</summary>
public sealed record BalanceList(IReadOnlyList<Balance> Balances);

/// <summary>Answer of <c>GET /admin/v1/ledger/audit</c>: <see cref="Ok"/> when every invariant holds.</summary>
public sealed record LedgerAudit(bool Ok, IReadOnlyList<JsonElement> Currencies)
{
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Extra { get; init; }
}
