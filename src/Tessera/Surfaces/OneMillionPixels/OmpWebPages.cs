using System.Reflection;
using System.Security.Cryptography;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace Tessera.Surfaces.OneMillionPixels;

/// <summary>
/// The web pages under the surface's path base: <c>/omp/</c> (the live canvas), <c>/omp/p/{public_key}</c> (the promo
/// landing page, the same file for every key) and their assets (<c>/omp/app.js</c>, <c>/omp/vendor/...</c>).
/// The files live in <c>wwwroot/omp/</c> and are embedded in the assembly, so they are served the same way after
/// <c>dotnet run</c>, from <c>tessera serve</c> or a test host, whatever the content root. One literal route per file:
/// no catch-all, so an unknown <c>/omp/...</c> path still gets the surface's own 404.
/// </summary>
public static class OmpWebPages
{
    private const string ResourcePrefix = "wwwroot/omp/";

    private static readonly string[] GetOrHead = [HttpMethods.Get, HttpMethods.Head];

    // Scripts and styles only from this origin; FingerprintJS draws on canvases and styles elements from script.
    private const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; " +
        "connect-src 'self'; frame-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    public static IEndpointRouteBuilder MapOmpWebPages(this IEndpointRouteBuilder endpoints, string pathBase)
    {
        var assets = Load(typeof(OmpWebPages).Assembly);
        var index = assets["index.html"];
        var promo = assets["promo.html"];

        // "/omp" → "/omp/" so the page's relative URLs (app.js, api/...) resolve under the path base.
        endpoints.MapMethods(pathBase, GetOrHead, (HttpContext context) => context.Request.Path.Value!.EndsWith('/')
                ? index.Serve(context)
                : Results.Redirect($"{context.Request.PathBase}{pathBase}/{context.Request.QueryString}"))
            .ExcludeFromDescription();

        // "/omp/p/{key}/" → "/omp/p/{key}": the page finds its assets at "../".
        endpoints.MapMethods(pathBase + "/p/{publicKey}", GetOrHead, (HttpContext context) => context.Request.Path.Value!.EndsWith('/')
                ? Results.Redirect($"{context.Request.PathBase}{context.Request.Path.Value.TrimEnd('/')}{context.Request.QueryString}")
                : promo.Serve(context))
            .ExcludeFromDescription();

        foreach (var (name, asset) in assets.Where(a => !a.Key.EndsWith(".html", StringComparison.Ordinal)))
        {
            endpoints.MapMethods($"{pathBase}/{name}", GetOrHead, asset.Serve).ExcludeFromDescription();
        }

        return endpoints;
    }

    private static Dictionary<string, WebAsset> Load(Assembly assembly)
    {
        var types = new FileExtensionContentTypeProvider();
        var assets = new Dictionary<string, WebAsset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var name = resource[ResourcePrefix.Length..];
            var contentType = types.TryGetContentType(name, out var type) ? type : "application/octet-stream";
            if (contentType.StartsWith("text/", StringComparison.Ordinal))
            {
                contentType += "; charset=utf-8";
            }

            assets[name] = new WebAsset(copy.ToArray(), contentType);
        }

        return assets;
    }

    private sealed class WebAsset(byte[] content, string contentType)
    {
        private readonly EntityTagHeaderValue _etag = new($"\"{Convert.ToHexStringLower(SHA256.HashData(content).AsSpan(0, 8))}\"");

        /// <summary>The file with a strong ETag (If-None-Match → 304); <c>no-cache</c>, so a new build shows at once.</summary>
        public IResult Serve(HttpContext context)
        {
            var headers = context.Response.Headers;
            headers.CacheControl = "no-cache";
            headers.XContentTypeOptions = "nosniff";
            if (contentType.StartsWith("text/html", StringComparison.Ordinal))
            {
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers["Referrer-Policy"] = "no-referrer";
            }

            return TypedResults.Bytes(content, contentType, entityTag: _etag);
        }
    }
}
