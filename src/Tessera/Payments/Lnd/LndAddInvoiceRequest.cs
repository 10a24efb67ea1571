using System.Text.Json.Serialization;

namespace Tessera.Payments.Lnd;

/// <summary>Body of <c>POST /v1/invoices</c>.</summary>
internal sealed record LndAddInvoiceRequest(
    [property: JsonPropertyName("value_msat")] long ValueMsat,
    [property: JsonPropertyName("memo")] string Memo,
    [property: JsonPropertyName("expiry")] long Expiry);
