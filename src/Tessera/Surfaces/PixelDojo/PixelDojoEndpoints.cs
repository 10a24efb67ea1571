using Tessera.Http;
using Tessera.Jobs;
using Tessera.RateLimits;

namespace Tessera.Surfaces.PixelDojo;

/// <summary>
/// PixelDojo (seed: pixeldojo.txt) under its path base (<c>/dojo</c>): models with JSON schemas, async generation jobs
/// on the Jobs module, signed webhooks through the Webhooks outbox. Every route lives under <c>/api/v1</c>, needs an API
/// key and shares one rate limit (60 per minute per key); <c>/llms.txt</c> describes them all. See docs/pixeldojo.md.
/// </summary>
public static class PixelDojoEndpoints
{
    /// <summary>The surface's services: the job body writer and the terminal hook that queues webhooks.</summary>
    public static IHostApplicationBuilder AddPixelDojo(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DojoJobBodies>();
        builder.Services.AddSingleton<DojoWebhookHook>();
        builder.Services.AddSingleton<IJobTerminalHook>(services => services.GetRequiredService<DojoWebhookHook>());
        return builder.AddSurface(PixelDojoSurface.Descriptor);
    }

    public static IEndpointRouteBuilder MapPixelDojo(this IEndpointRouteBuilder endpoints)
    {
        var surface = endpoints.ServiceProvider.GetRequiredService<SurfaceRegistry>().Get(PixelDojoSurface.Name);
        var api = endpoints.MapGroup(surface.PathBase + DojoUrls.ApiPrefix)
            .WithGroupName(PixelDojoSurface.Name)
            .RequireRateLimit(PixelDojoSurface.RatePolicy);

        // Operations are grouped under the seed's own section names (the OpenAPI tags).
        api.MapGroup("").WithTags(PixelDojoSurface.Sections.GettingStarted).MapDojoCredits();
        api.MapGroup("").WithTags(PixelDojoSurface.Sections.FeaturedModels).MapDojoModels();
        var jobs = api.MapGroup("").WithTags(PixelDojoSurface.Sections.GenerationJobs);
        jobs.MapDojoRun();
        jobs.MapDojoJobs();
        jobs.MapDojoWebhooks();
        endpoints.MapDojoLlmsText(surface.PathBase);
        return endpoints;
    }
}
