namespace Tessera.Verification;

/// <summary>Verification log messages, event ids 7500–7599.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 7500, Level = LogLevel.Debug, Message = "Verification session {SessionId} started with templates {Templates}")]
    public static partial void SessionStarted(ILogger logger, string sessionId, string templates);

    [LoggerMessage(EventId = 7501, Level = LogLevel.Information, Message = "Verification session {SessionId} answered in {ElapsedMs} ms: score {Score}, passes {Passes}")]
    public static partial void SessionAnswered(ILogger logger, string sessionId, int score, bool passes, long elapsedMs);

    [LoggerMessage(EventId = 7502, Level = LogLevel.Debug, Message = "Verification token spent (passes {Passes}, score {Score})")]
    public static partial void TokenSpent(ILogger logger, bool passes, int score);

    [LoggerMessage(EventId = 7503, Level = LogLevel.Information, Message = "Purged {Sessions} expired verification sessions")]
    public static partial void Purged(ILogger logger, int sessions);
}
