using Tessera.Accounts;
using Tessera.Admin;
using Tessera.Canvas;
using Tessera.Engines;
using Tessera.Hosting.Idempotency;
using Tessera.Imaging;
using Tessera.Jobs;
using Tessera.Ledger;
using Tessera.Outbound;
using Tessera.Payments;
using Tessera.RateLimits;
using Tessera.Storage;
using Tessera.Surfaces;
using Tessera.Surfaces.BillionSatoshi;
using Tessera.Surfaces.Discovery;
using Tessera.Surfaces.OneMillionPixels;
using Tessera.Surfaces.PixelDojo;
using Tessera.Surfaces.PixelEngine;
using Tessera.Verification;
using Tessera.Webhooks;

namespace Tessera.Hosting;

/// <summary>Builds the Tessera server: configuration from the command line, each module's front door, the pipeline.</summary>
public static class TesseraApp
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
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
                .WithExposedHeaders("X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", "RateLimit", "RateLimit-Policy", "Retry-After");
        }));
        builder.AddProxyTrust();
        builder.AddHeaderLimit();

        builder.AddStorage();
        builder.AddOutbound();
        builder.AddWebhooks();
        builder.AddTelemetry();
        builder.AddApiDocs();
        builder.AddAccounts();
        builder.AddLedger();
        builder.AddCanvas();
        builder.AddImaging();
        builder.AddOmpAgents();
        builder.AddOmpStream();
        builder.AddPayments();
        builder.AddVerification();
        builder.AddBillionSatoshi();
        builder.AddEngines();
        builder.AddJobs();
        builder.AddRateLimits();
        builder.AddAdmin();
        builder.AddIdempotency();
        builder.AddPixelDojo();

        var app = builder.Build();
        app.UseProxyTrust();
        app.UseErrorHandling();
        app.UseHeaderLimit();
        app.UseCors();
        app.UseAuthentication();
        app.UseRateLimits();
        app.UseKeyAccess();
        app.UseIdempotency();

        app.MapHealth();
        app.MapSiteIcons();
        app.MapTelemetry();
        app.MapApiDocs();
        app.MapHomePage();
        app.MapAdmin();
        app.MapOneMillionPixels();
        app.MapBillionSatoshi();
        app.MapPixelEngine();
        app.MapPixelDojo();
        app.MapJobs();
        foreach (var contributor in app.Services.GetServices<IEndpointContributor>())
        {
            contributor.Map(app);
        }

        return app;
    }
}
