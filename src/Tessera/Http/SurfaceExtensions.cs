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

    public static IEndpointRouteBuilder MapSurfaces(this IEndpointRouteBuilder endpoints)
    {
        foreach (var descriptor in endpoints.ServiceProvider.GetServices<SurfaceDescriptor>())
        {
            descriptor.Map?.Invoke(endpoints);
        }

        return endpoints;
    }
}
