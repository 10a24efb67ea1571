using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tessera.Accounts;
using Tessera.Hosting;
using Tessera.Http;

namespace Tessera.Tests.Support;

/// <summary>
/// Test-only routes under the surfaces' path bases, so authentication, errors and limits can be exercised
/// over HTTP before the surface issues add real routes.
/// </summary>
public sealed class ProbeEndpoints : IEndpointContributor
{
    public sealed record Probe(string? Name, int Count);

    public void Map(IEndpointRouteBuilder endpoints)
    {
        foreach (var surface in new[] { "dojo", "engine", "ocean", "omp", "bsap" })
        {
            endpoints.MapGet($"/{surface}/_probe/key", (HttpContext context) => Results.Ok(Whoami(context))).RequireKey();
            endpoints.MapPost($"/{surface}/_probe/key", (HttpContext context) => Results.Ok(Whoami(context))).RequireKey();
            endpoints.MapGet($"/{surface}/_probe/canvas", (HttpContext context) => Results.Ok(Whoami(context))).RequireKey(Scopes.Canvas);
            endpoints.MapGet($"/{surface}/_probe/anonymous", () => Results.Ok(new { ok = true }));
            endpoints.MapGet($"/{surface}/_probe/throw", string () => throw new InvalidOperationException("secret internals at Tessera.Probe line 42"));
            endpoints.MapPost($"/{surface}/_probe/json", (Probe probe) => Results.Ok(probe));
        }
    }

    private static object Whoami(HttpContext context) => new
    {
        account = TesseraClaims.AccountIdOf(context.User),
        key = TesseraClaims.KeyIdOf(context.User),
    };
}
