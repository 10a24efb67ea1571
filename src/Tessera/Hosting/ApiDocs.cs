using Scalar.AspNetCore;
using Tessera.Accounts;
using Tessera.Http;
using Tessera.Surfaces.Discovery;

namespace Tessera.Hosting;

/// <summary>
/// One OpenAPI document per surface and one for the operator API at <c>/openapi/{name}.json</c>, built from the
/// same route metadata that serves the requests; <c>/docs</c> is the interactive reference over all of them.
/// An endpoint joins a document with <c>.WithGroupName(surfaceName)</c>. The surfaces' documents are public (agents
/// discover the APIs from them); the operator API's document is served to the operator key only, and <c>/docs</c> lists
/// the surfaces' documents only (docs/security.md, "Operator endpoints").
/// </summary>
public static class ApiDocs
{
    /// <summary>One document per registered surface: call after every surface's <c>Add...</c>.</summary>
    public static IHostApplicationBuilder AddApiDocs(this IHostApplicationBuilder builder)
    {
        foreach (var surface in builder.Services.Surfaces().ToList())
        {
            var name = surface.Name;
            builder.Services.AddOpenApi(name, options =>
            {
                options.ShouldInclude = description => string.Equals(description.GroupName, name, StringComparison.Ordinal);
                SurfaceOpenApi.Configure(options, surface.DocumentTitle);
            });
        }

        builder.Services.AddSingleton<SurfaceRouteCatalog>();
        return builder;
    }

    public static IEndpointRouteBuilder MapApiDocs(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOpenApi("/openapi/{documentName}.json").AddEndpointFilter(static (context, next) =>
            IsOperatorDocument(context.HttpContext) && KeyAccessRule.Refusal(context.HttpContext, OperatorOnly) is { } refusal
                ? ValueTask.FromResult<object?>(new RefusalResult(refusal))
                : next(context));
        endpoints.MapSurfaceOpenApiAliases(endpoints.ServiceProvider.GetRequiredService<SurfaceRegistry>().All.Where(s => s.Name != SurfaceRegistry.Admin));
        endpoints.MapScalarApiReference("/docs", options =>
        {
            options.WithTitle("Tessera API");
            options.WithOpenApiRoutePattern("/openapi/{documentName}.json");
            foreach (var surface in endpoints.ServiceProvider.GetServices<SurfaceDescriptor>().Where(surface => surface.PublicDocument))
            {
                options.AddDocument(surface.Name, surface.DocumentTitle);
            }
        });
        return endpoints;
    }

    private static readonly KeyAccess OperatorOnly = new(Scope: null, Operator: true);

    private static bool IsOperatorDocument(HttpContext context) =>
        string.Equals(context.GetRouteValue("documentName") as string, SurfaceRegistry.Admin, StringComparison.OrdinalIgnoreCase);

    private sealed class RefusalResult(Common.Error refusal) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) => KeyAccessRule.WriteAsync(httpContext, refusal);
    }
}
