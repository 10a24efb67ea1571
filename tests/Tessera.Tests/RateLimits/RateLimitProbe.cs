using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tessera.Hosting;
using Tessera.RateLimits;
using Tessera.Surfaces.BillionSatoshi;
using Tessera.Surfaces.PixelDojo;
using Tessera.Surfaces.PixelsOcean;

namespace Tessera.Tests.RateLimits;

/// <summary>Probe routes under the surfaces' path bases, limited by the built-in policies or by a test's own policy <c>test</c>.</summary>
internal sealed class RateLimitProbe : IEndpointContributor
{
    public const string TestPolicy = "test";

    public void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/dojo/probe", () => TypedResults.Ok("ok")).RequireRateLimit(PixelDojoSurface.RatePolicy);
        endpoints.MapGet("/ocean/probe", () => TypedResults.Ok("ok")).RequireRateLimit(PixelsOceanSurface.Policies.Work);
        endpoints.MapGet("/bsap/probe", () => TypedResults.Ok("ok")).RequireRateLimit(BillionSatoshiSurface.Policies.Placements);
        endpoints.MapGet("/dojo/probe/test", () => TypedResults.Ok("ok")).RequireRateLimit(TestPolicy);
        endpoints.MapGet("/dojo/probe/open", () => TypedResults.Ok("ok"));
        endpoints.MapGet("/dojo/probe/fail", string () => throw new InvalidOperationException("probe failure")).RequireRateLimit(PixelDojoSurface.RatePolicy);

        // A group convention limits every route in it; the endpoint's own policy would win over it.
        var group = endpoints.MapGroup("/ocean/group").RequireRateLimit(TestPolicy);
        group.MapGet("/a", () => TypedResults.Ok("a"));
        group.MapGet("/b", () => TypedResults.Ok("b"));
    }
}
