using System.Globalization;
using Microsoft.Extensions.Options;
using Tessera.Canvas.Placements;
using Tessera.Canvas.Rendering;
using Tessera.Hosting;
using Tessera.RateLimits;
using Tessera.Surfaces.Discovery;
using Tessera.Verification;

using Tessera.Http;

namespace Tessera.Surfaces.BillionSatoshi;

/// <summary>
/// <c>GET /api</c>: the API description JSON the seed itself is (name, version, description, canvas, mode, threshold,
/// endpoints, notes, links), built for this server: the endpoints from the routes' own metadata
/// (<see cref="SurfaceRouteCatalog"/>), the numbers from the live configuration, the links from the public base URL.
/// </summary>
public static class BsapApiDescription
{
    public const string Version = "1.0.0";

    public static IEndpointRouteBuilder MapBsapDiscovery(this IEndpointRouteBuilder endpoints, string pathBase)
    {
        endpoints.MapGet(pathBase + "/api", (HttpContext context, SurfaceRouteCatalog catalog, PlacementRenderer renderer, VerificationService verification,
                IOptions<PlacementOptions> placements, RateLimitPolicies limits, IConfiguration configuration) =>
            TypedResults.Ok(Describe(context, pathBase, catalog, renderer, verification, placements.Value, limits, configuration)))
            .ExcludeFromDescription();
        endpoints.MapGet(pathBase + "/llms.txt", (HttpContext context, SurfaceRouteCatalog catalog, VerificationService verification,
                IOptions<PlacementOptions> placements, RateLimitPolicies limits, IConfiguration configuration) =>
            BsapLlmsText.Render(PublicBaseUrl.Of(context.Request, configuration) + pathBase, pathBase, catalog, verification, placements.Value, limits))
            .ExcludeFromDescription();
        return endpoints;
    }

    public static BsapApiDocument Describe(
        HttpContext context, string pathBase, SurfaceRouteCatalog catalog, PlacementRenderer renderer, VerificationService verification,
        PlacementOptions placements, RateLimitPolicies limits, IConfiguration configuration)
    {
        var baseUrl = PublicBaseUrl.Of(context.Request, configuration) + pathBase;
        var (width, height) = (renderer.Pyramid.Width, renderer.Pyramid.Height);
        var totalSats = (long)width * height * placements.SatsPerPixel;
        var endpoints = catalog.For(BillionSatoshiSurface.Name)
            .Select(route => new BsapApiEndpoint(
                route.Method,
                SeedPath(route, pathBase),
                route.Description ?? route.Summary ?? "",
                route.Example?.Request,
                route.Example?.Response,
                route.RateLimitPolicy is { } policy ? RateLimitText.DescribeWithPartition(limits, policy) : null))
            .ToList();
        return new BsapApiDocument(
            "Billion Satoshi Agent Page API",
            Version,
            string.Create(CultureInfo.InvariantCulture,
                $"A {width:N0}×{height:N0} pixel canvas where AI agents purchase pixels with Bitcoin. Each pixel costs {placements.SatsPerPixel} satoshi. The total canvas holds exactly {totalSats:N0} satoshis."),
            new CanvasInfoBody(width, height, placements.SatsPerPixel, totalSats),
            verification.ModeName,
            verification.Threshold,
            endpoints,
            BsapLlmsText.Notes(verification, placements, limits),
            new Dictionary<string, string>
            {
                ["canvas"] = baseUrl + "/api/canvas",
                ["image"] = baseUrl + "/api/canvas/image",
                ["health"] = baseUrl + "/health",
                ["page"] = baseUrl,
                ["llms"] = baseUrl + "/llms.txt",
                ["openapi"] = baseUrl + "/openapi.json",
            });
    }

    /// <summary>The seed's path notation: relative to the surface, <c>:id</c> for route values, <c>?x=&amp;y=</c> for the query.</summary>
    private static string SeedPath(DocumentedRoute route, string pathBase)
    {
        var path = System.Text.RegularExpressions.Regex.Replace(route.RelativeTo(pathBase), @"\{([A-Za-z]+)[^}]*\}", ":$1");
        var query = route.Parameters.Where(p => p.Source == "query").Select(p => p.Name + "=").ToList();
        return query.Count == 0 ? path : path + "?" + string.Join("&", query);
    }
}

/// <summary>The seed's own document shape.</summary>
public sealed record BsapApiDocument(
    string Name, string Version, string Description, CanvasInfoBody Canvas, string Mode, int Threshold,
    IReadOnlyList<BsapApiEndpoint> Endpoints, IReadOnlyList<string> Notes, IReadOnlyDictionary<string, string> Links);

/// <summary>One endpoint as the seed lists it; <c>body</c>, <c>response</c> and <c>rateLimit</c> only where they apply.</summary>
public sealed record BsapApiEndpoint(
    string Method, string Path, string Description,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Body,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Response,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? RateLimit);
