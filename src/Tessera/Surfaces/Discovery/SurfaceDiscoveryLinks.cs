using Tessera.Surfaces.PixelEngine;
using Tessera.Surfaces.PixelsOcean;
using Tessera.Surfaces.PixelDojo;
using Tessera.Surfaces.BillionSatoshi;
using Tessera.Surfaces.OneMillionPixels;
using Tessera.Http;

namespace Tessera.Surfaces.Discovery;

/// <summary>What one surface serves for discovery, as paths below its base (null where it has none).</summary>
/// <param name="Page">Its web page.</param>
/// <param name="Guide">Its own discovery document: the seed's where the seed has one (OMP SKILL.md, BSAP's API JSON), else llms.txt.</param>
/// <param name="LlmsText">Its llms.txt.</param>
public sealed record SurfaceDiscovery(string Name, string Title, string? Page, string? Guide, string? LlmsText)
{
    public const string OpenApi = "/openapi.json";

    /// <summary>
    /// Every surface, with the discovery paths their
    /// endpoint files map. <c>GET /</c> links them; a test fetches every one of them.
    /// </summary>
    public static readonly IReadOnlyList<SurfaceDiscovery> All =
    [
        new(OneMillionPixelsSurface.Name, "One Million Pixels", "", "/api/skill", null),
        new(BillionSatoshiSurface.Name, "Billion Satoshi", "", "/api", "/llms.txt"),
        new(PixelDojoSurface.Name, "PixelDojo", null, "/llms.txt", "/llms.txt"),
        new(PixelEngineSurface.Name, "Pixel Engine", null, "/llms.txt", "/llms.txt"),
        new(PixelsOceanSurface.Name, "Pixels Ocean", "", "/llms.txt", "/llms.txt"),
    ];
}
