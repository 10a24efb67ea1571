namespace Tessera.Editing;

/// <summary>The Editing module's log messages (event ids 10300–10349).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 10300, Level = LogLevel.Debug, Message = "Preview {Width}x{Height} rendered in {Milliseconds} ms")]
    public static partial void Previewed(ILogger logger, int width, int height, long milliseconds);

    [LoggerMessage(EventId = 10301, Level = LogLevel.Information, Message = "Edit of media {BaseId} rendered as media {MediaId} ({Width}x{Height}) in {Milliseconds} ms")]
    public static partial void Rendered(ILogger logger, long baseId, long mediaId, int width, int height, long milliseconds);

    [LoggerMessage(EventId = 10302, Level = LogLevel.Information, Message = "Batch edit {JobId}: {Done} rendered, {Failed} failed")]
    public static partial void BatchDone(ILogger logger, string jobId, int done, int failed);

    [LoggerMessage(EventId = 10303, Level = LogLevel.Debug, Message = "Batch edit {JobId}: media {MediaId} failed: {Reason}")]
    public static partial void BatchItemFailed(ILogger logger, string jobId, long mediaId, string reason);
}
