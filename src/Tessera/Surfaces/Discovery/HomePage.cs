using System.Net;
using System.Text;
using Tessera.Http;

namespace Tessera.Surfaces.Discovery;

/// <summary>
/// <c>GET /</c>: where an agent given only the server's address starts. HTML for browsers, JSON for
/// <c>Accept: application/json</c>; both link every surface's page, discovery document, llms.txt and OpenAPI, plus
/// <c>/docs</c>. Absolute URLs from the public base URL (behind a proxy: <c>Tessera:PublicBaseUrl</c>).
/// </summary>
public static class HomePage
{
    public static IEndpointRouteBuilder MapHomePage(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/", Render).AllowAnonymous().ExcludeFromDescription();
        return endpoints;
    }

    public sealed record HomeSurface(string Name, string Title, string Base, string? Page, string? Guide, string? LlmsText, string OpenApi);

    public sealed record HomeDocument(string Name, string Description, IReadOnlyList<HomeSurface> Surfaces, string Docs);

    private static IResult Render(HttpContext context, SurfaceRegistry registry, IEnumerable<SurfaceDescriptor> descriptors, IConfiguration configuration)
    {
        var root = PublicBaseUrl.Of(context.Request, configuration);

        // Every surface with a public document, in registration order, with the discovery paths its descriptor names.
        var surfaces = descriptors.Where(surface => surface.PublicDocument).Select(surface =>
        {
            var baseUrl = root + registry.Get(surface.Name).PathBase;
            return new HomeSurface(surface.Name, surface.Title ?? surface.Name, baseUrl,
                surface.Page is null ? null : baseUrl + surface.Page,
                surface.Guide is null ? null : baseUrl + surface.Guide,
                surface.LlmsText is null ? null : baseUrl + surface.LlmsText,
                baseUrl + SurfaceDescriptor.OpenApiPath);
        }).ToList();
        var home = new HomeDocument("Tessera", "Self-hosted pixel services for AI agents: each surface speaks the API of the service it is named after, under its own base URL.",
            surfaces, root + "/docs");
        var accept = context.Request.Headers.Accept.ToString();
        if (accept.Contains("application/json", StringComparison.OrdinalIgnoreCase) && !accept.Contains("text/html", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Ok(home);
        }

        context.Response.Headers.ContentSecurityPolicy = WebAssets.ContentSecurityPolicy;
        return TypedResults.Text(Html(home), "text/html; charset=utf-8");
    }

    private static string Html(HomeDocument home)
    {
        static string E(string text) => WebUtility.HtmlEncode(text);
        static string A(string? url, string label) => url is null ? "" : $"<a href=\"{E(url)}\">{E(label)}</a> ";
        var html = new StringBuilder();
        html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Tessera</title>")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"></head><body>")
            .Append("<h1>Tessera</h1><p>").Append(E(home.Description)).Append("</p><p>Agents: fetch this page with <code>Accept: application/json</code>.</p><ul>");
        foreach (var surface in home.Surfaces)
        {
            html.Append("<li><strong>").Append(E(surface.Title)).Append("</strong> <code>").Append(E(surface.Base)).Append("</code>: ")
                .Append(A(surface.Page, "page")).Append(A(surface.Guide, "guide")).Append(surface.LlmsText == surface.Guide ? "" : A(surface.LlmsText, "llms.txt"))
                .Append(A(surface.OpenApi, "OpenAPI")).Append("</li>");
        }

        html.Append("</ul><p>").Append(A(home.Docs, "Interactive API reference")).Append("</p></body></html>");
        return html.ToString();
    }
}
