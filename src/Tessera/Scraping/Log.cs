namespace Tessera.Scraping;

internal static partial class Log
{
    [LoggerMessage(EventId = 10400, Level = LogLevel.Information, Message = "Scrape of {Host} kept {Kept} files from {Pages} pages")]
    public static partial void Scraped(ILogger logger, string host, int kept, int pages);

    [LoggerMessage(EventId = 10401, Level = LogLevel.Information, Message = "ai_labeling: {FileName} keeps its name ({Reason})")]
    public static partial void NotLabelled(ILogger logger, string fileName, string reason);
}
