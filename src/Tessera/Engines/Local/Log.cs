namespace Tessera.Engines.Local;

/// <summary>The local engines' log messages (event ids 10100–10199; the Engines module owns 10000–10999).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 10101, Level = LogLevel.Warning, Message = "ffmpeg exited with code {ExitCode} for job {JobId}: {Stderr}")]
    public static partial void FfmpegFailed(ILogger logger, int exitCode, string jobId, string stderr);

    [LoggerMessage(EventId = 10102, Level = LogLevel.Warning, Message = "ffmpeg could not be started ({Path}) for job {JobId}")]
    public static partial void FfmpegMissing(ILogger logger, string path, string jobId, Exception exception);
}
