using Tessera.Common;

namespace Tessera.Jobs;

/// <summary>The job module's expected failures, with the stable codes surfaces map to their own shapes.</summary>
public static class JobErrors
{
    public static Error NotFound(string jobId) => Error.NotFound($"Job '{jobId}' was not found.");

    public static Error ModelNotFound(string model) => Error.NotFound($"Model '{model}' was not found.");

    /// <summary>A kind no registered handler runs: refused at submission, nothing held.</summary>
    public static Error UnknownKind(string kind) =>
        Error.Validation($"No handler runs jobs of kind '{kind}' on this server; generation jobs are kind '{JobKinds.Generation}'.");

    /// <summary>
    /// A listed model none of whose engines can run on this machine (ffmpeg missing for a video model): refused at
    /// submission with the reason, nothing held, rather than queued to fail in the worker.
    /// </summary>
    public static Error Unavailable(string model, string reason) =>
        new(ModelUnavailable, $"Model '{model}' cannot run on this server: {reason}. Choose another model or ask the operator.", 503);

    /// <summary>PixelDojo's 410: the job's outputs were deleted after its lifetime.</summary>
    public static Error Expired(string jobId) => new("expired", $"Job '{jobId}' has expired.", 410);

    /// <summary>Says "completed", the word every surface shows a finished job by (the queue's own status is "succeeded").</summary>
    public static Error AlreadyFinished(string jobId, string status) =>
        Error.Conflict("job_finished", $"Job '{jobId}' is already {(status == JobStatus.Succeeded ? "completed" : status)}.");

    /// <summary>Codes a failed job carries in <see cref="Job.ErrorCode"/>.</summary>
    public const string DeadlineExceeded = "deadline_exceeded";
    public const string BadOutput = "bad_output";
    public const string EngineError = "engine_error";
    public const string HandlerError = "handler_error";
    public const string HandlerUnavailable = "handler_unavailable";
    public const string EngineUnavailable = "engine_unavailable";
    public const string ModelUnavailable = "model_unavailable";
    public const string WorkerLost = "worker_lost";
    public const string Canceled = "canceled";
}
