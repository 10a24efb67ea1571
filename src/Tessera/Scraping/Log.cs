namespace Tessera.Scraping;

internal static partial class Log
{
    [LoggerMessage(EventId = 10400, Level = LogLevel.Information, Message = "Scrape of {Host} kept {Kept} files from {Pages} pages")]
    public static partial void Scraped(ILogger logger, string host, int kept, int pages);
}
