namespace Tessera.Media;

/// <summary>The media module's log messages (event ids 10200–10299).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 10202, Level = LogLevel.Warning, Message = "Media {MediaId}: analysis failed ({Reason})")]
    public static partial void AnalysisFailed(ILogger logger, long mediaId, string reason);

    [LoggerMessage(EventId = 10203, Level = LogLevel.Information, Message = "Emptied {Count} media from the trash")]
    public static partial void TrashEmptied(ILogger logger, int count);

    [LoggerMessage(EventId = 10204, Level = LogLevel.Warning, Message = "auto_tag: no labels ({Code}): {Reason}")]
    public static partial void AutoTagFailed(ILogger logger, string code, string reason);
}
