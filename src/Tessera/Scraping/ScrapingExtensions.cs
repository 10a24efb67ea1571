using Tessera.Jobs;

namespace Tessera.Scraping;

public static class ScrapingExtensions
{
    public static IHostApplicationBuilder AddScraping(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ScrapingOptions>().BindConfiguration(ScrapingOptions.Section)
            .Validate(o => o.DefaultMaxFiles > 0 && o.MaxActivePerAccount > 0 && o.MaxFiles >= o.DefaultMaxFiles && o.MaxPages > 0 && o.MaxPageBytes > 0 && o.PerHostConcurrency > 0
                && o.PerHostDelay >= TimeSpan.Zero && o.MaxCrawlDelay >= o.PerHostDelay && o.MaxDuration > TimeSpan.Zero && !string.IsNullOrWhiteSpace(o.ProductToken),
                "Tessera:Scraping: limits must be positive, MaxFiles >= DefaultMaxFiles, MaxCrawlDelay >= PerHostDelay, and ProductToken set.")
            .ValidateOnStart();
        builder.Services.AddSingleton<HostPoliteness>();
        builder.Services.AddSingleton<RobotsRules>();
        builder.Services.AddSingleton<PageFetcher>();
        builder.Services.AddSingleton<Scraper>();
        builder.Services.AddSingleton<ScrapeJobs>();
        builder.Services.AddJobHandler<ScrapeJobHandler>();
        return builder;
    }
}
