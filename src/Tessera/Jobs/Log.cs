namespace Tessera.Jobs;

/// <summary>The job module's log messages (event ids 9000–9099).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 9001, Level = LogLevel.Information, Message = "Job {JobId} {Status} (engine {Engine}, {Code})")]
    public static partial void JobFinished(ILogger logger, string jobId, string status, string? engine, string? code);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Information, Message = "Job {JobId} attempt {Attempt} on {Engine} failed ({Code}); retry at {RunAfter}")]
    public static partial void JobRetrying(ILogger logger, string jobId, int attempt, string engine, string code, DateTimeOffset runAfter);

    [LoggerMessage(EventId = 9003, Level = LogLevel.Warning, Message = "Job {JobId}: engine {Engine} threw an unexpected exception")]
    public static partial void EngineBug(ILogger logger, string jobId, string engine, Exception exception);

    [LoggerMessage(EventId = 9004, Level = LogLevel.Warning, Message = "Job {JobId}: its lease passed to another worker; this run stops")]
    public static partial void LeaseLost(ILogger logger, string jobId);

    [LoggerMessage(EventId = 9005, Level = LogLevel.Warning, Message = "Job {JobId}: resolving hold {HoldId} ({Resolution}) failed with {Code}; the sweep tries again")]
    public static partial void HoldResolveFailed(ILogger logger, string jobId, string holdId, string resolution, string code);

    [LoggerMessage(EventId = 9006, Level = LogLevel.Warning, Message = "Job {JobId}: hold {HoldId} could not be {Resolution} ({Code}); nothing more to do")]
    public static partial void HoldAlreadySettled(ILogger logger, string jobId, string holdId, string resolution, string code);

    [LoggerMessage(EventId = 9007, Level = LogLevel.Warning, Message = "Job {JobId}: terminal hook {Hook} failed; the sweep calls the hooks again")]
    public static partial void HookFailed(ILogger logger, string jobId, string hook, Exception exception);

    [LoggerMessage(EventId = 9008, Level = LogLevel.Error, Message = "Jobs worker {Worker} failed; it tries again")]
    public static partial void WorkerFailed(ILogger logger, string worker, Exception exception);

    [LoggerMessage(EventId = 9009, Level = LogLevel.Information, Message = "Expired {Count} jobs' outputs ({Blobs} blobs deleted)")]
    public static partial void JobsExpired(ILogger logger, int count, int blobs);

}
