using Tessera.Http;

namespace Tessera.Surfaces.OneMillionPixels;

/// <summary>
/// One Million Pixels' registration: its services and its descriptor (<c>/omp</c>, the canvas error shape, its seed
/// sections, rate policies, web page and SKILL.md), from which the lower folders learn all they know of it.
/// </summary>
public static class OneMillionPixelsSurface
{
    public const string Name = "omp";

    /// <summary>The seed doc's section names (the OpenAPI tags).</summary>
    public static class Sections
    {
        public const string Endpoints = "Endpoints";
        public const string ReferralAndAgents = "Referral & Agent Endpoints";
    }

    /// <summary>Its rate policies (the seed names no limit; Tessera's own, docs/rate-limits.md).</summary>
    public static class Policies
    {
        /// <summary>Anonymous agent creation (<c>POST /api/agent</c>) per IP: a bucket of 10 refilling over an hour, plenty
        /// for an agent that registers once, not for minting accounts to farm referral credits.</summary>
        public const string Agents = "omp-agents";

        /// <summary>Writes (<c>POST /api/pixels</c>, <c>/api/pixels/upload</c>) per key: a bucket of 10 refilling 10 a
        /// second. An agent painting in 1000-pixel bulks still paints 10,000 pixels a second; a flood of writes into a
        /// log is refused.</summary>
        public const string Writes = "omp-writes";

        /// <summary>Anonymous reads (pixels, history, canvas, stream connects) per IP: a bucket of 600 refilling over a
        /// minute (10 a second sustained, bursts of 600), checked in memory on the node.</summary>
        public const string Reads = "omp-reads";
    }

    public static IHostApplicationBuilder AddOneMillionPixels(this IHostApplicationBuilder builder) =>
        builder.AddOmpAgents().AddOmpStream().AddSurface(new SurfaceDescriptor(Name, "/omp", CanvasErrorShape.Instance)
        {
            Title = "One Million Pixels",
            Sections = [Sections.Endpoints, Sections.ReferralAndAgents],
            RatePolicies = new Dictionary<string, IReadOnlyList<RateRule>>
            {
                [Policies.Agents] = [RateRule.Bucket("hour", 10, TimeSpan.FromHours(1), RateRule.PerIp)],
                [Policies.Writes] = [RateRule.Bucket("second", 10, TimeSpan.FromSeconds(1), RateRule.PerKey)],
                [Policies.Reads] = [RateRule.Bucket("minute", 600, TimeSpan.FromMinutes(1), RateRule.PerIp)],
            },
            Web = WebAssets.Load("omp"),
            Guide = "/api/skill",
            Map = endpoints => endpoints.MapOneMillionPixels(),
        });
}
