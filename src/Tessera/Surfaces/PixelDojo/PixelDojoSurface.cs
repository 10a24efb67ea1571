using Tessera.Http;

namespace Tessera.Surfaces.PixelDojo;

/// <summary>PixelDojo's descriptor: <c>/dojo</c>, the error table of its doc, its sections, rate policy and llms.txt, its routes.</summary>
public static class PixelDojoSurface
{
    public const string Name = "dojo";

    /// <summary>The seed doc's section names (the OpenAPI tags).</summary>
    public static class Sections
    {
        public const string GettingStarted = "Getting Started";
        public const string FeaturedModels = "Featured Models";
        public const string GenerationJobs = "Generation Jobs API";
    }

    /// <summary>"Standard 60 requests per minute, shared across all API endpoints".</summary>
    public const string RatePolicy = "dojo";

    public static SurfaceDescriptor Descriptor { get; } = new(Name, "/dojo", PixelDojoErrorShape.Instance)
    {
        Title = "PixelDojo",
        KeyPrefix = "pd_", // as the PixelDojo dashboard shows keys (DECISIONS, Wave-1 corrections)
        Sections = [Sections.GettingStarted, Sections.FeaturedModels, Sections.GenerationJobs],
        RatePolicies = new Dictionary<string, IReadOnlyList<RateRule>>
        {
            [RatePolicy] = [RateRule.Fixed("minute", 60, TimeSpan.FromMinutes(1), RateRule.PerKey)],
        },
        Guide = "/llms.txt",
        LlmsText = "/llms.txt",
        Map = endpoints => endpoints.MapPixelDojo(),
    };
}
