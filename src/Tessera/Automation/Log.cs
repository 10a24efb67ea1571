namespace Tessera.Automation;

/// <summary>The Automation module's log lines: event ids 10700–10799 (docs/architecture.md).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 10700, Level = LogLevel.Information, Message = "Schedule {ScheduleId}: the run due at {Due} queued job {JobId}")]
    public static partial void RunQueued(ILogger logger, long scheduleId, DateTimeOffset due, string jobId);

    [LoggerMessage(EventId = 10701, Level = LogLevel.Warning, Message = "Schedule {ScheduleId}: the run due at {Due} was not queued: {Code} {Reason}")]
    public static partial void RunRefused(ILogger logger, long scheduleId, DateTimeOffset due, string code, string reason);

    [LoggerMessage(EventId = 10702, Level = LogLevel.Information, Message = "Schedule {ScheduleId}: finished the run due at {Due} that a stopped node had claimed (job {JobId})")]
    public static partial void RunRecovered(ILogger logger, long scheduleId, DateTimeOffset due, string jobId);

    [LoggerMessage(EventId = 10710, Level = LogLevel.Warning, Message = "Job {JobId}: webhook {WebhookId} was not queued: {Code} {Reason}")]
    public static partial void WebhookNotQueued(ILogger logger, string jobId, long webhookId, string code, string reason);

    [LoggerMessage(EventId = 10720, Level = LogLevel.Information, Message = "Export to {Target} for {AccountId}: {Pushed} pushed, {Failed} failed")]
    public static partial void Exported(ILogger logger, string target, string accountId, int pushed, int failed);
}
