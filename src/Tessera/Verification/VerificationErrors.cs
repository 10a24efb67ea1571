using Tessera.Common;

namespace Tessera.Verification;

/// <summary>The Verification module's expected failures (codes documented in docs/verification.md).</summary>
public static class VerificationErrors
{
    public static readonly Error SessionNotFound = new("session_not_found", "No verification session has this sessionId.", 404);

    public static readonly Error SessionAnswered = Error.Conflict("session_already_answered", "This session has already been answered; start a new one.");

    public static readonly Error SessionExpired = new("session_expired", "This session has expired; start a new one.", 410);

    public static readonly Error TokenInvalid = Error.Forbidden("invalid_verification_token", "The verification token is missing or unknown.");

    public static readonly Error TokenExpired = Error.Forbidden("verification_token_expired", "The verification token has expired; verify again.");

    /// <summary>A placement outside open mode without a token (surfaces name their own verify routes in the message).</summary>
    public static readonly Error TokenRequired = Error.Forbidden("verification_required", "verificationToken is required: complete the verification first.");

    /// <summary>A token whose score does not qualify in this mode (fixed when it was issued, under the mode of that moment).</summary>
    public static readonly Error NotQualified = Error.Forbidden("verification_failed", "The verification token's score does not qualify to place in this mode.");

    public static readonly Error TokenSpent = Error.Conflict("verification_token_spent", "The verification token has already been used; verify again.");
}
