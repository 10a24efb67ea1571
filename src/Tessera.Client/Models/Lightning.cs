using System.Text.Json.Serialization;

namespace Tessera.Client;

/// <summary>Body of <c>POST /admin/v1/lightning/pay</c>.</summary>
public sealed record PayInvoiceRequest(string Invoice);

/// <summary>A paid invoice: <see cref="Preimage"/> (hex) hashes to <see cref="PaymentHash"/>; the amount is in sats.</summary>
public sealed record LightningPayment(
    string Preimage,
    [property: JsonPropertyName("paymentHash")] string PaymentHash,
    [property: JsonPropertyName("amountSats")] decimal AmountSats);
