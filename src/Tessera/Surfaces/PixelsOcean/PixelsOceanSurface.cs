using Tessera.Http;

namespace Tessera.Surfaces.PixelsOcean;

/// <summary>
/// Pixels Ocean's registration: <c>/ocean</c> and its error shape, so its path base already answers in that shape and has
/// an OpenAPI document; the routes come with the surface (issue #13).
/// </summary>
public static class PixelsOceanSurface
{
    public const string Name = "ocean";

    public static IHostApplicationBuilder AddPixelsOcean(this IHostApplicationBuilder builder) =>
        builder.AddSurface(new SurfaceDescriptor(Name, "/ocean", PixelsOceanErrorShape.Instance) { AcceptsBodyApiKey = true });
}
