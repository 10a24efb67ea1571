namespace Tessera.Surfaces.PixelDojo;

/// <summary>The PixelDojo surface's log events: 8500–8599.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 8500, Level = LogLevel.Error, Message = "Submitting a {Model} job for {AccountId} failed ({Code})")]
    public static partial void SubmitFailed(ILogger logger, string model, string accountId, string code, Exception exception);

    [LoggerMessage(EventId = 8501, Level = LogLevel.Warning, Message = "The webhook of job {JobId} was not queued: {Code}: {Reason}")]
    public static partial void WebhookNotQueued(ILogger logger, string jobId, string code, string reason);
}
