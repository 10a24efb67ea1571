namespace Tessera.Vision;

/// <summary>The Vision module's log messages (event ids 10500–10549).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 10500, Level = LogLevel.Information, Message = "Vision worker {ProcessId} ready in {LoadMs} ms (backend {Backend})")]
    public static partial void WorkerReady(ILogger logger, int processId, long loadMs, string backend);

    [LoggerMessage(EventId = 10501, Level = LogLevel.Warning, Message = "Vision worker could not start: {Reason}")]
    public static partial void WorkerStartFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 10502, Level = LogLevel.Warning, Message = "Vision worker {ProcessId} stopped: {Reason}")]
    public static partial void WorkerStopped(ILogger logger, int processId, string reason);

    [LoggerMessage(EventId = 10503, Level = LogLevel.Debug, Message = "Vision worker {ProcessId}: {Line}")]
    public static partial void WorkerOutput(ILogger logger, int processId, string line);

    [LoggerMessage(EventId = 10504, Level = LogLevel.Warning, Message = "Vision engine {Engine} failed ({Code}): {Message}")]
    public static partial void EngineFailed(ILogger logger, string engine, string code, string message);

    [LoggerMessage(EventId = 10505, Level = LogLevel.Debug, Message = "Vision engine {Engine} skipped: {Reason}")]
    public static partial void EngineSkipped(ILogger logger, string engine, string reason);
}
