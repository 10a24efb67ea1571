using Tessera.Http;

namespace Tessera.Surfaces.PixelsOcean;

/// <summary>
/// Pixels Ocean's registration: <c>/ocean</c>, its doc's error shape, the body field <c>api_key</c>, its sections,
/// rate policies, web page and llms.txt, its routes.
/// </summary>
public static class PixelsOceanSurface
{
    public const string Name = "ocean";

    /// <summary>The seed doc's section names (the OpenAPI tags).</summary>
    public static class Sections
    {
        public const string Media = "Media Library";
        public const string Collections = "Collections & Sharing";
        public const string Watermark = "Watermark";
        public const string LiveEditor = "Live Editor";
        public const string Jobs = "Jobs";
        public const string Scraping = "Scraping";
        public const string Pipelines = "Pipelines";
        public const string ReplaceFlow = "ReplaceFlow";
        public const string Generation = "Generation";
        public const string Automation = "Automation";
        public const string Platform = "Platform";
    }

    public static class Policies
    {
        /// <summary>The routes that do work (scrape, generate, replace, pipeline, watermark ...): "Standard tier: 20
        /// requests / day; Burst: 60 requests / minute" (DECISIONS: the daily quota counts only these).</summary>
        public const string Work = "ocean";

        /// <summary>The other authenticated routes (the media library, collections ...): the 60 a minute burst only.</summary>
        public const string Burst = "ocean-burst";

        /// <summary>Public galleries per IP (no key): a bucket of 120 refilling over a minute, so a password cannot be
        /// guessed at speed and a gallery cannot be scraped by one client faster than people browse.</summary>
        public const string Gallery = "ocean-gallery";

        /// <summary>A job's files and ZIP (<c>/download</c>, <c>/files</c>), opened by key or signed link: per IP, as a
        /// link carries no key; a download tool fetching a job's files one by one fits.</summary>
        public const string Files = "ocean-files";

        /// <summary>The ReplaceFlow demo per IP (no key): the doc's "5 requests/hour per IP".</summary>
        public const string ReplaceFlowDemo = "ocean-replaceflow-demo";
    }

    public static IHostApplicationBuilder AddPixelsOcean(this IHostApplicationBuilder builder) =>
        builder.AddOceanAutomation().AddSurface(new SurfaceDescriptor(Name, "/ocean", PixelsOceanErrorShape.Instance)
        {
            Title = "Pixels Ocean",
            AcceptsBodyApiKey = true,
            Sections = [Sections.Media, Sections.Collections, Sections.Watermark, Sections.LiveEditor, Sections.Jobs, Sections.Scraping, Sections.Pipelines, Sections.ReplaceFlow, Sections.Generation,
                Sections.Automation, Sections.Platform],
            RatePolicies = new Dictionary<string, IReadOnlyList<RateRule>>
            {
                [Policies.Work] =
                [
                    RateRule.Fixed("day", 20, TimeSpan.FromDays(1), RateRule.PerKey),
                    RateRule.Bucket("burst", 60, TimeSpan.FromMinutes(1), RateRule.PerKey),
                ],
                [Policies.Burst] = [RateRule.Bucket("burst", 60, TimeSpan.FromMinutes(1), RateRule.PerKey)],
                [Policies.Gallery] = [RateRule.Bucket("minute", 120, TimeSpan.FromMinutes(1), RateRule.PerIp)],
                [Policies.Files] = [RateRule.Bucket("minute", 300, TimeSpan.FromMinutes(1), RateRule.PerIp)],
                [Policies.ReplaceFlowDemo] = [RateRule.Fixed("hour", 5, TimeSpan.FromHours(1), RateRule.PerIp)],
            },
            Web = WebAssets.Load("ocean"),
            Guide = "/llms.txt",
            LlmsText = "/llms.txt",
            Map = endpoints => endpoints.MapPixelsOcean(),
        });
}
