namespace Tessera.Http;

/// <summary>
/// The site's icon and web app manifest (<c>wwwroot/site/</c>), one copy for every page: browsers ask for
/// <c>/favicon.ico</c> whatever a page links, and a 404 there is a console error on every page load (Chromium 156 counts
/// it). Served at the root and under each web page's path base, so a page links them relatively
/// (<c>favicon.ico</c>, <c>site.webmanifest</c>) and they resolve behind any configured path base or proxy prefix. The
/// manifest's own URLs are relative too (<c>start_url: "./"</c>), so the same file is right at every base.
/// </summary>
public static class SiteIcons
{
    private static readonly Lazy<WebAssets> Assets = new(() => WebAssets.Load("site"));

    /// <summary>Maps <c>{pathBase}/favicon.ico</c> and <c>{pathBase}/site.webmanifest</c> (the root when empty).</summary>
    public static IEndpointRouteBuilder MapSiteIcons(this IEndpointRouteBuilder endpoints, string pathBase = "") =>
        endpoints.MapWebAssetFiles(pathBase, Assets.Value);
}
