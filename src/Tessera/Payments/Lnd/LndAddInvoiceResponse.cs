using System.Text.Json.Serialization;

namespace Tessera.Payments.Lnd;

/// <summary>Answer of <c>POST /v1/invoices</c>.</summary>
internal sealed record LndAddInvoiceResponse(
    [property: JsonPropertyName("r_hash")] string? RHash,
    [property: JsonPropertyName("payment_request")] string? PaymentRequest,
    [property: JsonPropertyName("add_index")] ulong AddIndex);
