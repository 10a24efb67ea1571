using Microsoft.Extensions.Options;
using Tessera.Http;

namespace Tessera.RateLimits;

/// <summary>The RateLimits module's front door: options and stores, the middleware, and the endpoint convention.</summary>
public static class RateLimitExtensions
{
    public static IHostApplicationBuilder AddRateLimits(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitOptions>()
            .BindConfiguration(RateLimitOptions.Section)
            .PostConfigure<IEnumerable<SurfaceDescriptor>>(RateLimitDefaults.AddMissing)
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<RateLimitOptions>, RateLimitOptionsValidator>();
        builder.Services.AddSingleton<RateLimitPolicies>();
        builder.Services.AddSingleton<ConcurrencyLimits>();
        builder.Services.AddSingleton<MemoryRateLimitStore>();
        builder.Services.AddSingleton<RedisRateLimitStore>();
        builder.Services.AddSingleton<IRateLimitStore>(services =>
            services.GetRequiredService<IOptions<RateLimitOptions>>().Value.Store == RateLimitOptions.RedisStore
                ? services.GetRequiredService<RedisRateLimitStore>()
                : services.GetRequiredService<MemoryRateLimitStore>());
        return builder;
    }

    /// <summary>Between authentication (the partition needs the key) and authorization (a flood of refused requests still counts).</summary>
    public static WebApplication UseRateLimits(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        var policies = app.Services.GetRequiredService<RateLimitPolicies>();

        // Resolved now so a malformed Redis configuration string stops start-up instead of failing the first limited request.
        _ = app.Services.GetRequiredService<IRateLimitStore>();
        Log.Configured(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Tessera.RateLimits"), options.Store, string.Join(", ", policies.All.Select(policy => $"{policy.Name} [{policy.PolicyField}]")));
        app.UseMiddleware<RateLimitMiddleware>();
        return app;
    }

    /// <summary>
    /// Limits the endpoint (or every endpoint of a group) by the named policy of <c>Tessera:RateLimits:Policies</c>;
    /// requests for which <paramref name="exempt"/> is true are not counted, nor those for which <paramref name="counts"/>,
    /// asked after the handler answered, is false (their unit is given back).
    /// </summary>
    public static TBuilder RequireRateLimit<TBuilder>(
        this TBuilder builder, string policyName, Func<HttpContext, bool>? exempt = null, Func<HttpContext, bool>? counts = null)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(policyName);
        builder.Add(endpoint => endpoint.Metadata.Add(new RateLimitMetadata(policyName, exempt, counts)));
        return builder;
    }
}
