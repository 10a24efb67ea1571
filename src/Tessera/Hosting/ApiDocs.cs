using Scalar.AspNetCore;
using Tessera.Surfaces;

namespace Tessera.Hosting;

/// <summary>
/// One OpenAPI document per surface and one for the operator API at <c>/openapi/{name}.json</c>, built from the
/// same route metadata that serves the requests; <c>/docs</c> is the interactive reference over all of them.
/// An endpoint joins a document with <c>.WithGroupName(surfaceName)</c>.
/// </summary>
public static class ApiDocs
{
    public static readonly string[] DocumentNames =
    [
        SurfaceRegistry.Admin, SurfaceRegistry.OneMillionPixels, SurfaceRegistry.BillionSatoshi,
        SurfaceRegistry.PixelDojo, SurfaceRegistry.PixelEngine, SurfaceRegistry.PixelsOcean,
    ];

    public static IHostApplicationBuilder AddApiDocs(this IHostApplicationBuilder builder)
    {
        foreach (var name in DocumentNames)
        {
            builder.Services.AddOpenApi(name, options =>
            {
                options.ShouldInclude = description => string.Equals(description.GroupName, name, StringComparison.Ordinal);
            });
        }

        return builder;
    }

    public static IEndpointRouteBuilder MapApiDocs(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOpenApi("/openapi/{documentName}.json");
        endpoints.MapScalarApiReference("/docs", options =>
        {
            options.WithTitle("Tessera API");
            options.WithOpenApiRoutePattern("/openapi/{documentName}.json");
            foreach (var name in DocumentNames)
            {
                options.AddDocument(name);
            }
        });
        return endpoints;
    }
}
