using Tessera.Http;

namespace Tessera.Surfaces.BillionSatoshi;

/// <summary>Billion Satoshi's descriptor: <c>/bsap</c>, the canvas error shape, its routes.</summary>
public static class BillionSatoshiSurface
{
    public const string Name = "bsap";

    public static SurfaceDescriptor Descriptor { get; } = new(Name, "/bsap", CanvasErrorShape.Instance)
    {
        Map = endpoints => endpoints.MapBillionSatoshi(),
    };
}
