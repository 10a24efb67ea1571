using Tessera.Surfaces;

namespace Tessera.Admin;

/// <summary>The operator's API under <c>/admin/v1</c>: every module maps its admin routes onto this one group.</summary>
public static class AdminExtensions
{
    public static IHostApplicationBuilder AddAdmin(this IHostApplicationBuilder builder) => builder;

    public static IEndpointRouteBuilder MapAdmin(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup("/admin/v1").WithGroupName(SurfaceRegistry.Admin);
        _ = admin;
        return endpoints;
    }
}
