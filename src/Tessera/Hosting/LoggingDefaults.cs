using Microsoft.Extensions.Configuration.Memory;

namespace Tessera.Hosting;

/// <summary>
/// The server's default log levels, as the lowest-priority configuration source: ASP.NET Core and EF Core log at
/// Warning. At Information ASP.NET Core's hosting diagnostics write two lines per request ("Request starting",
/// "Request finished") and EF Core one per SQL command; on the hot read path that halved throughput (issue #12's
/// 15k req/s for <c>/healthz</c> against ~33k at Warning, docs/benchmarks.md). Everything else — the appsettings file,
/// <c>--config</c>, <c>Logging__LogLevel__Microsoft.AspNetCore=Information</c>, <c>--Logging:LogLevel:...</c> —
/// sits above it, so an operator raises a level by configuration as usual (docs/cli.md, "Logging").
/// </summary>
public static class LoggingDefaults
{
    public static IReadOnlyDictionary<string, string?> Levels { get; } = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
    {
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
    };

    /// <summary>Puts <see cref="Levels"/> beneath every source the builder already has and every one added later.</summary>
    public static IConfigurationBuilder AddLoggingDefaults(this IConfigurationBuilder configuration)
    {
        configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = Levels });
        return configuration;
    }
}
