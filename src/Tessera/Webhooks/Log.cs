namespace Tessera.Webhooks;

/// <summary>The webhook module's log messages (event ids 9500–9599).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 9501, Level = LogLevel.Information, Message = "Webhook {MessageId} attempt {Attempt} failed: {Error}")]
    public static partial void AttemptFailed(ILogger logger, string messageId, int attempt, string? error);

    [LoggerMessage(EventId = 9502, Level = LogLevel.Warning, Message = "Webhook {MessageId} to {Url} failed for good after {Attempts} attempts")]
    public static partial void MessageFailed(ILogger logger, string messageId, string url, int attempts);

    [LoggerMessage(EventId = 9503, Level = LogLevel.Error, Message = "Webhook worker step {Step} failed; it goes on")]
    public static partial void WorkerFailed(ILogger logger, string step, Exception exception);
}
