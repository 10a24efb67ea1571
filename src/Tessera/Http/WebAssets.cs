using System.Reflection;
using System.Security.Cryptography;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace Tessera.Http;

/// <summary>
/// The files of one web page folder, <c>wwwroot/{folder}/</c>, embedded in the assembly (<c>Tessera.csproj</c>), so a
/// page is served the same way after <c>dotnet run</c>, from <c>tessera serve</c> or a test host, whatever the content
/// root. A surface maps its page with <see cref="WebAssetRoutes.MapWebPage"/> and its other files with
/// <see cref="WebAssetRoutes.MapWebAssetFiles"/>: one literal route per file, no catch-all, so an unknown path under
/// the surface still gets the surface's own 404.
/// </summary>
public sealed class WebAssets
{
    /// <summary>
    /// Scripts and styles only from this origin (libraries style their elements from script, FingerprintJS and
    /// OpenSeadragon draw on canvases); data and API calls only to this origin; never framed.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; " +
        "connect-src 'self'; frame-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private readonly Dictionary<string, WebAsset> _assets;

    private WebAssets(Dictionary<string, WebAsset> assets) => _assets = assets;

    /// <summary>The folder's files by path relative to it (<c>index.html</c>, <c>vendor/x.min.js</c>).</summary>
    public IReadOnlyDictionary<string, WebAsset> Files => _assets;

    public WebAsset this[string name] => _assets.TryGetValue(name, out var asset)
        ? asset
        : throw new InvalidOperationException($"The web asset '{name}' is not embedded (Tessera.csproj, wwwroot/).");

    /// <summary>Reads every resource named <c>wwwroot/{folder}/…</c> once, at start-up.</summary>
    public static WebAssets Load(string folder) => Load(typeof(WebAssets).Assembly, folder);

    public static WebAssets Load(Assembly assembly, string folder)
    {
        var prefix = $"wwwroot/{folder}/";
        var types = new FileExtensionContentTypeProvider();
        var assets = new Dictionary<string, WebAsset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var name = resource[prefix.Length..];
            var contentType = types.TryGetContentType(name, out var type) ? type : "application/octet-stream";
            if (contentType.StartsWith("text/", StringComparison.Ordinal))
            {
                contentType += "; charset=utf-8";
            }

            assets[name] = new WebAsset(copy.ToArray(), contentType);
        }

        return new WebAssets(assets);
    }
}

/// <summary>One embedded file, with a strong ETag computed once.</summary>
public sealed class WebAsset(byte[] content, string contentType)
{
    private readonly EntityTagHeaderValue _etag = new($"\"{Convert.ToHexStringLower(SHA256.HashData(content).AsSpan(0, 8))}\"");

    public string ContentType => contentType;

    public bool IsHtml => contentType.StartsWith("text/html", StringComparison.Ordinal);

    /// <summary>
    /// The file with its ETag (If-None-Match → 304); <c>no-cache</c>, so a new build shows at once; <c>nosniff</c>;
    /// on HTML the Content-Security-Policy and <c>Referrer-Policy: no-referrer</c>.
    /// </summary>
    public IResult Serve(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.CacheControl = "no-cache";
        headers.XContentTypeOptions = "nosniff";
        if (IsHtml)
        {
            headers.ContentSecurityPolicy = WebAssets.ContentSecurityPolicy;
            headers["Referrer-Policy"] = "no-referrer";
        }

        return TypedResults.Bytes(content, contentType, entityTag: _etag);
    }
}

public static class WebAssetRoutes
{
    private static readonly string[] GetOrHead = [HttpMethods.Get, HttpMethods.Head];

    /// <summary>
    /// <c>{pathBase}/</c> serves <paramref name="page"/>; <c>{pathBase}</c> answers <c>302</c> to <c>{pathBase}/</c>, so the
    /// page's relative URLs (<c>app.js</c>, <c>api/…</c>) resolve under the path base, whatever it is configured to.
    /// </summary>
    public static IEndpointConventionBuilder MapWebPage(this IEndpointRouteBuilder endpoints, string pathBase, WebAsset page) =>
        endpoints.MapMethods(pathBase, GetOrHead, (HttpContext context) => context.Request.Path.Value!.EndsWith('/')
                ? page.Serve(context)
                : Results.Redirect($"{context.Request.PathBase}{pathBase}/{context.Request.QueryString}"))
            .ExcludeFromDescription();

    /// <summary>Every file that is not a page at <c>{pathBase}/{name}</c>: one literal route each.</summary>
    public static IEndpointRouteBuilder MapWebAssetFiles(this IEndpointRouteBuilder endpoints, string pathBase, WebAssets assets)
    {
        foreach (var (name, asset) in assets.Files.Where(a => !a.Value.IsHtml))
        {
            endpoints.MapMethods($"{pathBase}/{name}", GetOrHead, asset.Serve).ExcludeFromDescription();
        }

        return endpoints;
    }

    /// <summary>A literal route that serves one asset (GET and HEAD).</summary>
    public static IEndpointConventionBuilder MapWebAsset(this IEndpointRouteBuilder endpoints, string pattern, Func<HttpContext, IResult> handler) =>
        endpoints.MapMethods(pattern, GetOrHead, handler).ExcludeFromDescription();
}
