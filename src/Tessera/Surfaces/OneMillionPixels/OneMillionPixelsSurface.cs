using Tessera.Http;

namespace Tessera.Surfaces.OneMillionPixels;

/// <summary>One Million Pixels' registration: its services, its descriptor (<c>/omp</c>, the canvas error shape) and routes.</summary>
public static class OneMillionPixelsSurface
{
    public const string Name = "omp";

    public static IHostApplicationBuilder AddOneMillionPixels(this IHostApplicationBuilder builder) =>
        builder.AddOmpAgents().AddOmpStream().AddSurface(new SurfaceDescriptor(Name, "/omp", CanvasErrorShape.Instance)
        {
            Map = endpoints => endpoints.MapOneMillionPixels(),
        });
}
