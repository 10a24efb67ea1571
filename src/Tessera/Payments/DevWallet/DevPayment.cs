namespace Tessera.Payments.DevWallet;

/// <summary>A dev wallet invoice just paid: the preimage is the proof of payment.</summary>
public sealed record DevPayment(string Preimage, string PaymentHash, long AmountMsat);
