namespace Tessera.Jobs;

/// <summary>What a job of a handler's kind costs: an amount (display units) of a ledger currency, held at submission,
/// posted on success and voided otherwise. A job without a price holds nothing.</summary>
public sealed record JobPrice(string Currency, decimal Amount);
