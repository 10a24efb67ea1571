using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Tessera.Outbound;

namespace Tessera.Tests.Outbound;

/// <summary>The outbound module alone, registered by its own front door with the given settings.</summary>
public sealed class OutboundTestHost : IDisposable
{
    private readonly IHost _host;

    public OutboundTestHost(bool allowPrivateNetworks, params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(
            settings.Select(s => KeyValuePair.Create(OutboundOptions.Section + ":" + s.Key, (string?)s.Value))
                .Append(KeyValuePair.Create(OutboundOptions.Section + ":AllowPrivateNetworks", (string?)(allowPrivateNetworks ? "true" : "false"))));
        builder.AddOutbound();
        _host = builder.Build();
        Http = _host.Services.GetRequiredService<OutboundHttp>();
        Policy = _host.Services.GetRequiredService<OutboundAddressPolicy>();
    }

    public OutboundHttp Http { get; }

    public OutboundAddressPolicy Policy { get; }

    public void Dispose() => _host.Dispose();
}
