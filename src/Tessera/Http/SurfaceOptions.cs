namespace Tessera.Http;

/// <summary><c>Tessera:Surfaces:{name}</c>: where each surface is mounted.</summary>
public sealed class SurfaceOptions
{
    public string? PathBase { get; set; }
}
