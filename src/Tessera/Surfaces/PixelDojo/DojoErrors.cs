using System.Diagnostics;
using Tessera.Common;

namespace Tessera.Surfaces.PixelDojo;

/// <summary>
/// The doc's error table, and the one place module errors become dojo errors. Codes outside the table pass through
/// unchanged only where the doc has no word for them (<c>job_finished</c> on cancel, <c>forbidden</c> for a missing scope).
/// </summary>
public static class DojoErrors
{
    /// <summary>The doc's table, in its order: code, HTTP status, description (llms.txt lists it from here).</summary>
    public static readonly IReadOnlyList<(string Code, int Status, string Description)> Table =
    [
        ("unauthorized", 401, "Missing or invalid API key"),
        ("invalid_json", 400, "Invalid JSON in request body"),
        ("validation_error", 400, "Input validation failed"),
        ("not_found", 404, "Model or job not found"),
        ("insufficient_credits", 402, "Insufficient credits"),
        ("credit_error", 500, "Failed to deduct credits"),
        ("submission_failed", 500, "Failed to submit job"),
        ("expired", 410, "Job has expired"),
        ("rate_limit_exceeded", 429, "Rate limit exceeded"),
        ("internal_error", 500, "Internal server error"),
    ];

    public static Error ModelNotFound(string apiId) => Error.NotFound($"Model '{apiId}' was not found.");

    public static Error JobNotFound(string jobId) => Error.NotFound($"Job '{jobId}' was not found.");

    public static readonly Error InsufficientCredits = new("insufficient_credits", "Your account has insufficient credits", 402);

    public static readonly Error CreditError = new("credit_error", "Failed to deduct credits; nothing was charged. Retry later.", 500);

    public static readonly Error SubmissionFailed = new("submission_failed", "Failed to submit job; nothing was charged. Retry later.", 500);

    /// <summary>
    /// A submit's expected failure in the doc's terms: the ledger's refusal is 402; validation and unknown models keep
    /// their codes; anything else the ledger said while placing the hold is <c>credit_error</c>.
    /// </summary>
    public static Error ForSubmit(Error error) => error.Code switch
    {
        "insufficient_credits" => InsufficientCredits,
        "validation_error" or "not_found" or "idempotency_key_in_use" or "model_unavailable" => error,
        _ => CreditError,
    };

    /// <summary>
    /// An exception out of a submit (a database fault: expected failures are values) is <c>credit_error</c> when the
    /// ledger threw it, while placing the hold, and <c>submission_failed</c> otherwise (queuing the job; its hold is
    /// voided then). Judged by the types on the exception's own stack, not its message.
    /// </summary>
    public static Error ForSubmit(Exception exception)
    {
        var frames = new StackTrace(exception, fNeedFileInfo: false).GetFrames();
        var inLedger = frames.Any(frame => frame.GetMethod()?.DeclaringType?.Namespace == typeof(Ledger.LedgerService).Namespace);
        return inLedger ? CreditError : SubmissionFailed;
    }
}
