namespace Tessera.Scraping;

/// <summary><c>Tessera:Scraping</c>: how a scrape behaves on other people's sites (docs/scraping.md lists each).</summary>
public sealed class ScrapingOptions
{
    public const string Section = "Tessera:Scraping";

    /// <summary>The product token robots.txt groups are matched against and the start of the User-Agent header.</summary>
    public string ProductToken { get; set; } = "TesseraBot";

    /// <summary>Appended to the User-Agent so a site's operator can find out who is crawling (a URL or an address).</summary>
    public string Contact { get; set; } = "+https://github.com/tessera/tessera";

    /// <summary>The doc's default <c>max_files</c>.</summary>
    public int DefaultMaxFiles { get; set; } = 100;

    /// <summary>The largest <c>max_files</c> a caller may ask for.</summary>
    public int MaxFiles { get; set; } = 200;

    /// <summary>Pages one crawl fetches at most (the start page included).</summary>
    public int MaxPages { get; set; } = 25;

    /// <summary>Largest HTML page read.</summary>
    public long MaxPageBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>Requests in flight to one host at a time, across every scrape on this node.</summary>
    public int PerHostConcurrency { get; set; } = 2;

    /// <summary>Least time between two requests to one host (a robots.txt <c>Crawl-delay</c> can raise it to <see cref="MaxCrawlDelay"/>).</summary>
    public TimeSpan PerHostDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>A larger <c>Crawl-delay</c> is cut to this (a scrape must end within its deadline).</summary>
    public TimeSpan MaxCrawlDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one scrape may run before it returns what it has.</summary>
    public TimeSpan MaxDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a host's robots.txt is kept before it is read again.</summary>
    public TimeSpan RobotsLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a finished scrape answers the same URL and options again (unless <c>force</c>).</summary>
    public TimeSpan ResultLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Scrapes of one account waiting or running at once (a crawl holds a worker slot for up to <see cref="MaxDuration"/>).</summary>
    public int MaxActivePerAccount { get; set; } = 3;

    public string UserAgent => $"{ProductToken}/1.0 ({Contact})";
}
