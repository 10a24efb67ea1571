using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Tessera.Vision;
using Tessera.Vision.Local;

namespace Tessera.Tests.Vision;

/// <summary>A bare host with the Vision module on the given settings (start-up validation included), as a server builds it.</summary>
public sealed class VisionHost : IAsyncDisposable
{
    private readonly IHost _host;

    private VisionHost(IHost host) => _host = host;

    public VisionService Service => _host.Services.GetRequiredService<VisionService>();

    internal LocalVisionEngine Local => _host.Services.GetRequiredService<LocalVisionEngine>();

    public static async Task<VisionHost> StartAsync(params (string Key, string? Value)[] settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings.Select(pair => KeyValuePair.Create("Tessera:Vision:" + pair.Key, pair.Value)));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddVision();
        var host = builder.Build();
        try
        {
            await host.StartAsync(TestContext.Current.CancellationToken);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new VisionHost(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        _host.Dispose();
    }
}
