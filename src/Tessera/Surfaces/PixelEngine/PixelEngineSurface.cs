using Tessera.Http;

namespace Tessera.Surfaces.PixelEngine;

/// <summary>Pixel Engine's registration: <c>/engine</c>, its doc's error shape, its routes.</summary>
public static class PixelEngineSurface
{
    public const string Name = "engine";

    public static IHostApplicationBuilder AddPixelEngine(this IHostApplicationBuilder builder) =>
        builder.AddSurface(new SurfaceDescriptor(Name, "/engine", PixelEngineErrorShape.Instance)
        {
            Map = endpoints => endpoints.MapPixelEngine(),
        });
}
