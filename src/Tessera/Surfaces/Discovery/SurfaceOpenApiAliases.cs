using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

using Tessera.Http;

namespace Tessera.Surfaces.Discovery;

/// <summary>
/// <c>&lt;base&gt;/openapi.json</c> on every surface (<c>/omp/openapi.json</c> …): the document <c>/openapi/{name}.json</c>
/// serves, from the same generator, where an agent that knows only the surface's base URL looks first (issue #12: 12 and 9
/// guessed paths answered 404 before the agents found <c>/openapi/{name}.json</c>).
/// </summary>
public static class SurfaceOpenApiAliases
{
    public static IEndpointRouteBuilder MapSurfaceOpenApiAliases(this IEndpointRouteBuilder endpoints, IEnumerable<Surface> surfaces)
    {
        foreach (var surface in surfaces)
        {
            var name = surface.Name;
            endpoints.MapGet(surface.PathBase + SurfaceDescriptor.OpenApiPath, (IServiceProvider services, CancellationToken ct) => ServeAsync(services, name, ct))
                .AllowAnonymous()
                .ExcludeFromDescription();
        }

        return endpoints;
    }

    private static async Task<IResult> ServeAsync(IServiceProvider services, string name, CancellationToken ct)
    {
        var document = await services.GetRequiredKeyedService<IOpenApiDocumentProvider>(name).GetOpenApiDocumentAsync(ct);
        var json = await document.SerializeAsJsonAsync(OpenApiSpecVersion.OpenApi3_1, ct);
        return TypedResults.Text(json, "application/json; charset=utf-8");
    }
}
