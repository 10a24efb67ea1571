using System.Net;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Tessera.Outbound;

/// <summary>The Outbound module's front door: the SSRF-safe client every module uses for user-supplied URLs.</summary>
public static class OutboundExtensions
{
    public static IHostApplicationBuilder AddOutbound(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<OutboundOptions>()
            .BindConfiguration(OutboundOptions.Section)
            .Validate(options => options.MaxResponseBytes > 0, "Tessera:Outbound:MaxResponseBytes must be positive.")
            .Validate(options => options.Timeout > TimeSpan.Zero, "Tessera:Outbound:Timeout must be positive.")
            .Validate(options => options.MaxRedirects >= 0, "Tessera:Outbound:MaxRedirects must not be negative.")
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<MachineAddresses>();
        builder.Services.AddSingleton<OutboundAddressPolicy>();
        builder.Services.AddSingleton<CheckedConnector>();
        builder.Services.AddSingleton<OutboundHttp>();
        builder.Services.AddSingleton<ReceiverUrlCheck>();
        builder.Services.AddHttpClient(OutboundHttp.ClientName)
            .ConfigurePrimaryHttpMessageHandler(services => new SocketsHttpHandler
            {
                ConnectCallback = services.GetRequiredService<CheckedConnector>().ConnectAsync,
                AllowAutoRedirect = false, // OutboundHttp follows redirects itself, checking each target
                UseProxy = false, // through a proxy the checked connection would be to the proxy, not the target
                UseCookies = false,
                AutomaticDecompression = DecompressionMethods.All, // the size limit counts decompressed bytes
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            })
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan) // OutboundHttp bounds each request
            .RemoveAllLoggers(); // two log lines per request would dominate a webhook burst; OutboundHttp logs refusals
        return builder;
    }
}
