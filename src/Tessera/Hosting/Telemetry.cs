using OpenTelemetry.Metrics;
using Tessera.Accounts;

namespace Tessera.Hosting;

/// <summary>
/// Prometheus text at <c>/metrics</c> through OpenTelemetry: request counts and latencies per route come from the
/// ASP.NET Core instrumentation (<c>http_server_request_duration_seconds</c> by <c>http_route</c>); modules add their
/// own instruments on meters named <c>Tessera.*</c>. Operator only (the admin key as Bearer): route names, volumes and
/// queue depths help an attacker time an attack (docs/security.md, "Operator endpoints").
/// </summary>
public static class Telemetry
{
    public const string MeterPrefix = "Tessera.";

    public static IHostApplicationBuilder AddTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section);

        // Read at registration: the instrumentation is wired once, when the meter provider is built.
        var options = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => (options.HttpMetrics ? metrics.AddAspNetCoreInstrumentation() : metrics)
            .AddMeter(MeterPrefix + "*")
            .AddPrometheusExporter());
        return builder;
    }

    public static IEndpointRouteBuilder MapTelemetry(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPrometheusScrapingEndpoint("/metrics").RequireOperator();
        return endpoints;
    }
}
