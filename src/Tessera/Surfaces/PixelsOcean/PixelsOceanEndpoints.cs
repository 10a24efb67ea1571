using Tessera.Accounts;
using Tessera.Http;
using Tessera.RateLimits;

namespace Tessera.Surfaces.PixelsOcean;

/// <summary>
/// Pixels Ocean (seed: pixels-ocean.txt) under its path base (<c>/ocean</c>): the media library (<c>/api/media/...</c>),
/// collections and their public galleries, the Live Editor (<c>/api/live-editor/...</c>, the <c>media</c> scope), Ocean jobs
/// (<c>/api/jobs/{id}</c>, the <c>jobs</c> scope), and the signed file URLs. Keys come as <c>X-API-Key</c>, <c>Authorization:
/// Bearer</c> or a JSON body's <c>api_key</c>; the library's routes need the <c>media</c> scope and share the doc's
/// 60-a-minute burst.
/// </summary>
public static class PixelsOceanEndpoints
{
    public static IEndpointRouteBuilder MapPixelsOcean(this IEndpointRouteBuilder endpoints)
    {
        var surface = endpoints.ServiceProvider.GetRequiredService<SurfaceRegistry>().Get(PixelsOceanSurface.Name);
        var api = endpoints.MapGroup(surface.PathBase + "/api").WithGroupName(PixelsOceanSurface.Name);
        var media = api.MapGroup("/media").RequireKey(Scopes.Media).RequireRateLimit(PixelsOceanSurface.Policies.Burst);
        media.MapOceanMedia();
        media.MapOceanUpload();
        media.MapOceanOptimize();
        media.MapOceanBulk();
        media.MapOceanMirror();
        media.MapOceanCredits();
        media.MapOceanStock();
        media.MapOceanFolders();
        media.MapOceanCollections();
        api.MapOceanGallery();
        api.MapOceanWatermark();
        api.MapOceanScrape();
        api.MapOceanPipelines();
        api.MapOceanReplaceFlow();
        api.MapOceanGenerate();
        var editor = api.MapGroup("/live-editor").RequireKey(Scopes.Media).RequireRateLimit(PixelsOceanSurface.Policies.Burst);
        editor.MapOceanLiveEditor();
        editor.MapOceanEditTemplates();
        api.MapGroup("/jobs").RequireKey(Scopes.Jobs).RequireRateLimit(PixelsOceanSurface.Policies.Burst).MapOceanJobs();
        api.MapGroup("/automation").RequireKey(Scopes.Pipelines).RequireRateLimit(PixelsOceanSurface.Policies.Burst).MapOceanSchedules().MapOceanWebhooks();
        api.MapGroup("/automation/export").RequireKey(Scopes.Pipelines).RequireRateLimit(PixelsOceanSurface.Policies.Work).MapOceanExports();
        api.MapGroup("/platform/sub-keys").RequireKey(Scopes.Keys).RequireRateLimit(PixelsOceanSurface.Policies.Burst).MapOceanSubKeys();
        endpoints.MapOceanMediaFiles(surface.PathBase);
        endpoints.MapOceanDownloads(surface.PathBase);
        endpoints.MapOceanLlmsText(surface.PathBase);
        endpoints.MapOceanWebPages(surface.PathBase);
        return endpoints;
    }
}
