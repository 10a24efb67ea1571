using Tessera.Http;

namespace Tessera.Surfaces.PixelsOcean;

/// <summary>Pixels Ocean's registration: <c>/ocean</c>, its doc's error shape, the body field <c>api_key</c>, its routes.</summary>
public static class PixelsOceanSurface
{
    public const string Name = "ocean";

    public static IHostApplicationBuilder AddPixelsOcean(this IHostApplicationBuilder builder) =>
        builder.AddSurface(new SurfaceDescriptor(Name, "/ocean", PixelsOceanErrorShape.Instance)
        {
            AcceptsBodyApiKey = true,
            Map = endpoints => endpoints.MapPixelsOcean(),
        });
}
