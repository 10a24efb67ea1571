namespace Tessera.Payments.Mpp;

/// <summary>
/// What an MPP challenge asks to be paid: <paramref name="Sats"/> on the BOLT11 <paramref name="Invoice"/> whose
/// <paramref name="PaymentHash"/> a preimage must answer, before <paramref name="ExpiresAt"/>. <paramref name="ExternalId"/>
/// names what is bought (a placement id), so the payer can match the challenge to its order.
/// </summary>
public sealed record MppCharge(string ExternalId, long Sats, string Invoice, string PaymentHash, DateTimeOffset ExpiresAt);
