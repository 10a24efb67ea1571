using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Tessera.Hosting;

/// <summary>
/// <c>Tessera:KnownProxies</c> (addresses) and <c>Tessera:KnownNetworks</c> (CIDR, e.g. <c>10.0.0.0/8</c>): the only
/// peers whose <c>X-Forwarded-For/-Proto/-Host</c> are believed. None by default — ASP.NET's own defaults (loopback)
/// are removed, because per-IP limits (referral views, flags, unpaid reservations, agent creation) count the client
/// address, and a header anyone can send must not choose it. See docs/security.md ("Forwarded headers").
/// </summary>
public sealed class ProxyOptions
{
    public const string Section = "Tessera";

    public string[] KnownProxies { get; set; } = [];

    public string[] KnownNetworks { get; set; } = [];

    public bool TrustsAnyProxy => KnownProxies.Length > 0 || KnownNetworks.Length > 0;

    internal bool IsValid() =>
        KnownProxies.All(proxy => IPAddress.TryParse(proxy, out _)) && KnownNetworks.All(network => System.Net.IPNetwork.TryParse(network, out _));
}

public static class ProxyTrust
{
    public static IHostApplicationBuilder AddProxyTrust(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ProxyOptions>().BindConfiguration(ProxyOptions.Section)
            .Validate(options => options.IsValid(), "Tessera:KnownProxies must list IP addresses and Tessera:KnownNetworks CIDR networks (e.g. 10.0.0.0/8).")
            .ValidateOnStart();
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxyOptions>>((forwarded, proxies) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in proxies.Value.KnownProxies)
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in proxies.Value.KnownNetworks)
            {
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        return builder;
    }

    /// <summary>
    /// Only when a proxy is configured: ASP.NET's middleware also believes the first forwarded entry when the connection
    /// has no remote address at all (a Unix socket, an in-memory test server), whatever the lists say.
    /// </summary>
    public static WebApplication UseProxyTrust(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<ProxyOptions>>().Value.TrustsAnyProxy)
        {
            app.UseForwardedHeaders();
        }

        return app;
    }
}
