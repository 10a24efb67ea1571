using Tessera.Http;

namespace Tessera.Surfaces.BillionSatoshi;

/// <summary>
/// Billion Satoshi's descriptor: <c>/bsap</c>, the canvas error shape, its sections, rate policies, web page, API
/// description and llms.txt, its routes.
/// </summary>
public static class BillionSatoshiSurface
{
    public const string Name = "bsap";

    /// <summary>
    /// The seed is a JSON description without headings: its groups (the OpenAPI tags) are named after the words its
    /// notes use.
    /// </summary>
    public static class Sections
    {
        public const string Canvas = "Canvas";
        public const string ReverseTuringTest = "Reverse Turing Test";
        public const string Placements = "Placements";
        public const string Payments = "Payments";
    }

    public static class Policies
    {
        /// <summary>5 placement requests per hour per IP (the seed's limit; it counts reservations, DECISIONS).</summary>
        public const string Placements = "bsap-placements";

        /// <summary>Reverse Turing test sessions started per IP (the seed names no limit; Tessera's own): a bucket of 20
        /// refilling one every 3 s, ample for an agent and its retries, not for filling the database.</summary>
        public const string Verify = "bsap-verify";
    }

    public static SurfaceDescriptor Descriptor { get; } = new(Name, "/bsap", CanvasErrorShape.Instance)
    {
        Title = "Billion Satoshi",
        Sections = [Sections.Canvas, Sections.ReverseTuringTest, Sections.Placements, Sections.Payments],
        RatePolicies = new Dictionary<string, IReadOnlyList<RateRule>>
        {
            [Policies.Placements] = [RateRule.Fixed("hour", 5, TimeSpan.FromHours(1), RateRule.PerIp)],
            [Policies.Verify] = [RateRule.Bucket("minute", 20, TimeSpan.FromMinutes(1), RateRule.PerIp)],
        },
        Web = WebAssets.Load("bsap"),
        Guide = "/api",
        LlmsText = "/llms.txt",
        Map = endpoints => endpoints.MapBillionSatoshi(),
    };
}
