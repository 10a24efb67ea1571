namespace Tessera.ReplaceFlow;

internal static partial class Log
{
    [LoggerMessage(EventId = 10800, Level = LogLevel.Information, Message = "ReplaceFlow of {Host}: {Candidates} candidates examined, {Matches} pHash matches, {Milliseconds} ms")]
    public static partial void Ran(ILogger logger, string host, int candidates, int matches, long milliseconds);

    [LoggerMessage(EventId = 10801, Level = LogLevel.Warning, Message = "ReplaceFlow source {Source} failed: {Reason}")]
    public static partial void SourceFailed(ILogger logger, string source, string reason);

    [LoggerMessage(EventId = 10802, Level = LogLevel.Debug, Message = "ReplaceFlow candidate {Url} skipped: {Reason}")]
    public static partial void CandidateSkipped(ILogger logger, string url, string reason);
}
