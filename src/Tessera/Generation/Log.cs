namespace Tessera.Generation;

/// <summary>The Generation module's log messages: event ids 10600–10649. No message carries a prompt's key or a caller's
/// <c>gemini_key</c>: reasons come from the engines' failures, which never include request headers.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 10600, Level = LogLevel.Warning, Message = "Generation {Request}: provider {Provider} failed ({Code}): {Reason}; trying the next")]
    public static partial void ProviderFellThrough(ILogger logger, string request, string provider, string code, string reason);

    [LoggerMessage(EventId = 10601, Level = LogLevel.Information, Message = "Generation {Request}: provider {Provider} made {Count} image(s) in {Milliseconds} ms")]
    public static partial void Generated(ILogger logger, string request, string provider, int count, long milliseconds);

    [LoggerMessage(EventId = 10602, Level = LogLevel.Warning, Message = "Generation refused: no provider is configured (Tessera:Generation:Order is empty)")]
    public static partial void NoProvider(ILogger logger);

    [LoggerMessage(EventId = 10603, Level = LogLevel.Debug, Message = "Generation provider {Provider} skipped: {Reason}")]
    public static partial void ProviderSkipped(ILogger logger, string provider, string reason);

    [LoggerMessage(EventId = 10604, Level = LogLevel.Error, Message = "Generation provider {Provider} threw unexpectedly")]
    public static partial void ProviderCrashed(ILogger logger, string provider, Exception exception);

    [LoggerMessage(EventId = 10605, Level = LogLevel.Warning, Message = "Generate job {Job}: image {Index} was not stored in the library ({Code})")]
    public static partial void ImageNotStored(ILogger logger, string job, int index, string code);

    [LoggerMessage(EventId = 10606, Level = LogLevel.Information, Message = "Generation batch of {Descriptions} description(s): {Failed} failed")]
    public static partial void BatchDone(ILogger logger, int descriptions, int failed);
}
