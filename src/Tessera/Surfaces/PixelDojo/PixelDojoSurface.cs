using Tessera.Http;

namespace Tessera.Surfaces.PixelDojo;

/// <summary>PixelDojo's descriptor: <c>/dojo</c>, the error table of its doc, its routes.</summary>
public static class PixelDojoSurface
{
    public const string Name = "dojo";

    public static SurfaceDescriptor Descriptor { get; } = new(Name, "/dojo", PixelDojoErrorShape.Instance)
    {
        Map = endpoints => endpoints.MapPixelDojo(),
    };
}
