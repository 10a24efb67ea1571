namespace Tessera.Imaging;

/// <summary>The Imaging module's log messages (event ids 12000–12099).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 12000, Level = LogLevel.Warning, Message = "OCR is unavailable: {Command} was not found (install Debian's tesseract-ocr and tesseract-ocr-eng)")]
    public static partial void OcrUnavailable(ILogger logger, string command);

    [LoggerMessage(EventId = 12001, Level = LogLevel.Warning, Message = "OCR timed out after {TimeoutMs} ms on an image of {Width}x{Height}; the process was killed")]
    public static partial void OcrTimedOut(ILogger logger, long timeoutMs, int width, int height);

    [LoggerMessage(EventId = 12002, Level = LogLevel.Warning, Message = "OCR failed with exit code {ExitCode}: {Message}")]
    public static partial void OcrFailed(ILogger logger, int exitCode, string message);

    [LoggerMessage(EventId = 12003, Level = LogLevel.Debug, Message = "OCR skipped an image that could not be loaded: {Reason}")]
    public static partial void OcrSkipped(ILogger logger, string reason);
}
