using Tessera.Accounts;
using Tessera.Admin;
using Tessera.Automation;
using Tessera.Canvas;
using Tessera.Editing;
using Tessera.Engines;
using Tessera.Generation;
using Tessera.Http.Idempotency;
using Tessera.Http;
using Tessera.Imaging;
using Tessera.Jobs;
using Tessera.Ledger;
using Tessera.Media;
using Tessera.Scraping;
using Tessera.ReplaceFlow;
using Tessera.Outbound;
using Tessera.Payments;
using Tessera.Pipelines;
using Tessera.RateLimits;
using Tessera.Storage;
using Tessera.Surfaces.BillionSatoshi;
using Tessera.Surfaces.Discovery;
using Tessera.Surfaces.OneMillionPixels;
using Tessera.Surfaces.PixelDojo;
using Tessera.Surfaces.PixelEngine;
using Tessera.Surfaces.PixelsOcean;
using Tessera.Verification;
using Tessera.Webhooks;
using Tessera.Vision;

namespace Tessera.Hosting;

/// <summary>Builds the Tessera server: configuration from the command line, each module's front door, the pipeline.</summary>
public static class TesseraApp
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Configuration.AddLoggingDefaults(); // beneath every source, so configuration can raise the levels
        if (CommandLine.ConfigFile(args) is { } configFile)
        {
            builder.Configuration.AddJsonFile(Path.GetFullPath(configFile), optional: false, reloadOnChange: false);
        }

        // Environment (Tessera__...) and the command line win over the config file.
        builder.Configuration.AddEnvironmentVariables();
        builder.Configuration.AddCommandLine(args, CommandLine.SwitchMappings.ToDictionary());
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(CommandLine.DefaultUrls);
        }

        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(20));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddOptions<HttpOptions>().BindConfiguration(HttpOptions.Section);
        builder.Services.AddSingleton<SurfaceRegistry>();
        builder.Services.AddSingleton<FaultPoints>();
        builder.Services.AddErrorHandling();
        builder.Services.AddCors(options => options.AddDefaultPolicy(policy =>
        {
            var origins = builder.Configuration.GetSection(HttpOptions.Section + ":CorsOrigins").Get<string[]>() ?? ["*"];
            (origins.Contains("*") ? policy.AllowAnyOrigin() : policy.WithOrigins(origins))
                .AllowAnyHeader().AllowAnyMethod()
                // Cross-origin clients read what they act on: the auth challenge and payment challenge/receipt (402 flows),
                // where a created thing lives, and when to retry (DECISIONS, Wave-1 corrections).
                .WithExposedHeaders(
                    "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", "RateLimit", "RateLimit-Policy", "Retry-After",
                    "WWW-Authenticate", "Payment-Receipt", "Location", "Idempotent-Replayed", "X-Edit-Width", "X-Edit-Height", "X-Preview-Scale");
        }));
        builder.AddProxyTrust();
        builder.AddHeaderLimit();

        builder.AddStorage();
        builder.AddOutbound();
        builder.AddWebhooks();
        builder.AddTelemetry();
        builder.AddAccounts();
        builder.AddLedger();
        builder.AddCanvas();
        builder.AddImaging();
        builder.AddMedia();
        builder.AddScraping();
        builder.AddPipelines();
        builder.AddReplaceFlow();
        builder.AddVision();
        builder.AddAutomation();
        builder.AddPayments();
        builder.AddVerification();
        builder.AddEngines();
        builder.AddJobs();
        builder.AddEditing();
        builder.AddGeneration();
        builder.AddRateLimits();
        builder.AddIdempotency();

        // The surfaces, each with its descriptor (Http/SurfaceDescriptor.cs): their order is the order their routes map
        // and the home page lists them.
        builder.AddAdmin();
        builder.AddOneMillionPixels();
        builder.AddBillionSatoshi();
        builder.AddPixelDojo();
        builder.AddPixelEngine();
        builder.AddPixelsOcean();
        builder.AddApiDocs();

        var app = builder.Build();
        app.UseRouting(); // explicit: UseJsonBodies routes a second time (see there)
        app.UseProxyTrust();
        app.UseErrorHandling();
        app.UseHeaderLimit();
        app.UseCors();
        app.UseJsonBodies();
        app.UseApiKeyAuthentication();
        app.UseRateLimits();
        app.UseKeyAccess();
        app.UseIdempotency();

        app.MapHealth();
        app.MapSiteIcons();
        app.MapTelemetry();
        app.MapApiDocs();
        app.MapHomePage();
        app.MapSurfaces();
        app.MapJobs();
        foreach (var contributor in app.Services.GetServices<IEndpointContributor>())
        {
            contributor.Map(app);
        }

        return app;
    }
}
