using Microsoft.Extensions.Configuration;
using Tessera.Admin;
using Tessera.Surfaces.PixelDojo;
using Tessera.Surfaces.PixelEngine;
using Tessera.Surfaces.PixelsOcean;

namespace Tessera.Http;

/// <summary>
/// The five seed APIs and the operator API, each with its path base and error shape. Anything that answers
/// outside a handler (authentication, rate limits, unknown routes, oversized bodies, crashes) asks this
/// registry which surface a path belongs to and answers in that surface's shape.
/// </summary>
public sealed class SurfaceRegistry
{
    public const string Admin = "admin";
    public const string OneMillionPixels = "omp";
    public const string BillionSatoshi = "bsap";
    public const string PixelDojo = "dojo";
    public const string PixelEngine = "engine";
    public const string PixelsOcean = "ocean";

    private readonly Surface[] _byLongestPathBase;

    public SurfaceRegistry(IConfiguration configuration)
    {
        string PathBase(string name, string fallback) =>
            Normalize(configuration[$"Tessera:Surfaces:{name}:PathBase"] ?? fallback);

        All =
        [
            new Surface(Admin, "/admin/v1", ProblemDetailsShape.Instance),
            new Surface(OneMillionPixels, PathBase(OneMillionPixels, "/omp"), CanvasErrorShape.Instance),
            new Surface(BillionSatoshi, PathBase(BillionSatoshi, "/bsap"), CanvasErrorShape.Instance),
            new Surface(PixelDojo, PathBase(PixelDojo, "/dojo"), PixelDojoErrorShape.Instance),
            new Surface(PixelEngine, PathBase(PixelEngine, "/engine"), PixelEngineErrorShape.Instance),
            new Surface(PixelsOcean, PathBase(PixelsOcean, "/ocean"), PixelsOceanErrorShape.Instance, AcceptsBodyApiKey: true),
        ];
        _byLongestPathBase = [.. All.OrderByDescending(surface => surface.PathBase.Length)];
    }

    public IReadOnlyList<Surface> All { get; }

    public Surface Get(string name) => All.First(surface => surface.Name == name);

    /// <summary>The surface whose path base holds <paramref name="path"/>, or null for Tessera's own routes.</summary>
    public Surface? ForPath(PathString path)
    {
        foreach (var surface in _byLongestPathBase)
        {
            if (path.StartsWithSegments(surface.PathBase, StringComparison.OrdinalIgnoreCase))
            {
                return surface;
            }
        }

        return null;
    }

    private static string Normalize(string pathBase) => "/" + pathBase.Trim().Trim('/');
}
