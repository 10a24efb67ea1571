using Tessera.Common;

namespace Tessera.Ledger;

/// <summary>The ledger's expected failures, with the stable codes surfaces map to their own shapes.</summary>
public static class LedgerErrors
{
    public static Error InsufficientCredits(string currency) =>
        new("insufficient_credits", $"Not enough {currency} available.", 402);

    public static Error HoldNotFound(string holdId) => Error.NotFound($"No hold '{holdId}'.");

    public static Error HoldExpired(string holdId) => new("hold_expired", $"Hold '{holdId}' has expired.", 409);

    public static Error HoldResolved(string holdId, string status) =>
        new("hold_already_resolved", $"Hold '{holdId}' is already {status}.", 409);

    public static Error PostExceedsHold() => Error.Validation("Cannot post more than the hold's amount.");

    public static Error IdempotencyMismatch() =>
        Error.Conflict("idempotency_key_reused", "This idempotency key was used for a different operation.");
}
