using Microsoft.Extensions.Configuration;

namespace Tessera.Http;

/// <summary>
/// The surfaces that registered a <see cref="SurfaceDescriptor"/> (the seed APIs and the operator API), each with its
/// path base and error shape. Anything that answers outside a handler (authentication, rate limits, unknown routes,
/// oversized bodies, crashes) asks this registry which surface a path belongs to and answers in that surface's shape.
/// </summary>
public sealed class SurfaceRegistry
{
    /// <summary>The operator API's name: every module maps its <c>/admin/v1</c> routes into this OpenAPI document.</summary>
    public const string Admin = "admin";

    private readonly Surface[] _byLongestPathBase;

    public SurfaceRegistry(IConfiguration configuration, IEnumerable<SurfaceDescriptor> descriptors)
    {
        All =
        [
            .. descriptors.Select(descriptor => new Surface(
                descriptor.Name,
                Normalize(descriptor.PathBaseConfigurable
                    ? configuration[$"Tessera:Surfaces:{descriptor.Name}:PathBase"] ?? descriptor.DefaultPathBase
                    : descriptor.DefaultPathBase),
                descriptor.ErrorShape,
                descriptor.AcceptsBodyApiKey)),
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
