using System.Text.Json.Serialization;

namespace Tessera.Ledger;

/// <summary>What a mutating operation returns, and what a replay of its idempotency key returns again.</summary>
/// <param name="Id">The transfer id (grants, transfers) or the hold id (holds, posts, voids).</param>
/// <param name="Status"><c>posted</c> for transfers; the hold's status after the operation for holds.</param>
/// <param name="Replayed">True when the idempotency key had been seen and nothing moved this time.</param>
public sealed record LedgerReceipt(string Kind, string Id, string Currency, decimal Amount, string Status, bool Replayed = false);

/// <summary>One currency and pool of an owner, in display units.</summary>
public sealed record LedgerBalance(string Currency, string? Pool, decimal Posted, decimal Held, decimal Available);

public sealed record MonthlyPlan(string OwnerId, decimal MonthlyCredits, int BillingDay);

/// <summary>What one monthly refresh did for one owner.</summary>
public sealed record MonthlyRefresh(string OwnerId, string Period, decimal Expired, decimal Granted);

/// <summary>One currency in the audit; sums are in minor units and must be 0.</summary>
public sealed record CurrencyAudit(
    string Currency,
    long Sum,
    [property: JsonPropertyName("pending_sum")] long PendingSum,
    [property: JsonPropertyName("negative_accounts")] int NegativeAccounts,
    int Accounts);

public sealed record LedgerAudit(
    bool Ok,
    IReadOnlyList<CurrencyAudit> Currencies,
    [property: JsonPropertyName("holds_spent_twice")] int HoldsSpentTwice,
    [property: JsonPropertyName("pending_mismatches")] int PendingMismatches,
    [property: JsonPropertyName("posted_mismatches")] int PostedMismatches);

internal static class HoldStatus
{
    public const string Pending = "pending";
    public const string Posted = "posted";
    public const string Voided = "voided";
    public const string Expired = "expired";
}

/// <summary>Owners the ledger itself holds accounts for; they may go negative.</summary>
public static class SystemOwners
{
    /// <summary>Where grants come from and expired monthly credits return to.</summary>
    public const string Issuance = "@issuance";

    /// <summary>Where spent funds go by default.</summary>
    public const string Revenue = "@revenue";

    public static bool IsSystem(string ownerId) => ownerId.StartsWith('@');
}
