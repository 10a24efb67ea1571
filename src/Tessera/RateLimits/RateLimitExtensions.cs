namespace Tessera.RateLimits;

public static class RateLimitExtensions
{
    public static IHostApplicationBuilder AddRateLimits(this IHostApplicationBuilder builder) => builder;

    public static WebApplication UseRateLimits(this WebApplication app) => app;
}
