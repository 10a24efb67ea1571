using System.Net;
using Tessera.Tests.Support;

namespace Tessera.Tests.Surfaces.Discovery;

/// <summary>An error that names another route names it under the surface's path base, whatever that is configured to.</summary>
public sealed class RouteNamesInErrorsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/omp", "/bsap", "/engine")]
    [InlineData("/million", "/satoshi/v2", "/sprites")]
    public async Task Errors_name_routes_with_their_path_base(string omp, string bsap, string engine)
    {
        await using var factory = new TesseraFactory()
            .With("Tessera:Surfaces:omp:PathBase", omp)
            .With("Tessera:Surfaces:bsap:PathBase", bsap)
            .With("Tessera:Surfaces:engine:PathBase", engine)
            .With("Tessera:Verification:Mode", "agent");
        var admin = factory.CreateAdminClient();
        var (_, key) = await admin.CreateKeyAsync(await admin.CreateAccountAsync());
        var client = factory.CreateClient();

        await AssertNamesAsync(await client.GetWithKeyAsync(omp + "/api/agent", key), HttpStatusCode.NotFound, $"GET {omp}/api/agent/stats");
        await AssertNamesAsync(await client.GetWithKeyAsync(engine + "/functions/v1/jobs", key), HttpStatusCode.BadRequest, $"POST {engine}/functions/v1/animate");
        await AssertNamesAsync(await client.GetAsync(bsap + "/api/canvas/agent-image", Ct), HttpStatusCode.Unauthorized, $"POST {bsap}/api/verify/respond");
        var place = await client.PostAsync(bsap + "/api/placements", BillionSatoshi.BsapHost.Form(0, 0, 10), Ct);
        await AssertNamesAsync(place, HttpStatusCode.Forbidden, $"POST {bsap}/api/verify/start and POST {bsap}/api/verify/respond");
    }

    private static async Task AssertNamesAsync(HttpResponseMessage response, HttpStatusCode status, string route)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(status, response.StatusCode);
        Assert.Contains(route, body, StringComparison.Ordinal);
        Assert.DoesNotContain(" /api/", body, StringComparison.Ordinal);
        Assert.DoesNotContain(" /functions/", body, StringComparison.Ordinal);
    }
}
