using System.Text.Json.Serialization;

namespace Tessera.Payments.Lnd;

/// <summary>The fields of LND's <c>lnrpc.Invoice</c> this backend reads (REST: bytes are base64, int64s are strings).</summary>
internal sealed record LndInvoice(
    [property: JsonPropertyName("r_hash")] string? RHash,
    [property: JsonPropertyName("r_preimage")] string? RPreimage,
    [property: JsonPropertyName("value_msat")] long ValueMsat,
    [property: JsonPropertyName("state")] string? State,
    [property: JsonPropertyName("settle_date")] long SettleDate,
    [property: JsonPropertyName("settle_index")] ulong SettleIndex,
    [property: JsonPropertyName("amt_paid_msat")] long AmtPaidMsat)
{
    public const string Settled = "SETTLED";

    public bool IsSettled => State == Settled;

    /// <summary>
    /// Settled for at least the invoice's value. LND settles an amount invoice only when paid in full, but AMP, keysend
    /// and a zero-value invoice settle for whatever arrived; what was received is checked, not assumed.
    /// </summary>
    public bool IsPaidInFull => IsSettled && AmtPaidMsat >= ValueMsat;
}
