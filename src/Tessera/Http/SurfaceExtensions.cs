namespace Tessera.Http;

/// <summary>How a surface joins the server: one descriptor at start-up, its routes mapped in registration order.</summary>
public static class SurfaceExtensions
{
    public static IHostApplicationBuilder AddSurface(this IHostApplicationBuilder builder, SurfaceDescriptor descriptor)
    {
        builder.Services.AddSingleton(descriptor);
        return builder;
    }

    /// <summary>The descriptors registered so far, before the container is built (the OpenAPI documents need them then).</summary>
    public static IEnumerable<SurfaceDescriptor> Surfaces(this IServiceCollection services) =>
        services.Where(service => service.ServiceType == typeof(SurfaceDescriptor))
            .Select(service => (SurfaceDescriptor)service.ImplementationInstance!);

    /// <summary>The registered descriptor named <paramref name="name"/>.</summary>
    public static SurfaceDescriptor GetSurfaceDescriptor(this IServiceProvider services, string name) =>
        services.GetServices<SurfaceDescriptor>().Single(descriptor => descriptor.Name == name);

    /// <summary>Each surface's routes, then its web page, assets and site icons under its path base.</summary>
    public static IEndpointRouteBuilder MapSurfaces(this IEndpointRouteBuilder endpoints)
    {
        var registry = endpoints.ServiceProvider.GetRequiredService<SurfaceRegistry>();
        foreach (var descriptor in endpoints.ServiceProvider.GetServices<SurfaceDescriptor>())
        {
            descriptor.Map?.Invoke(endpoints);
            if (descriptor.Web is { } web)
            {
                var pathBase = registry.Get(descriptor.Name).PathBase;
                endpoints.MapWebPage(pathBase, web["index.html"]);
                endpoints.MapWebAssetFiles(pathBase, web);
                endpoints.MapSiteIcons(pathBase);
            }
        }

        return endpoints;
    }
}
