using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Tessera.Engines;

namespace Tessera.Tests.Engines.Registry;

/// <summary>
/// A bare host with the Engines module's registry and provider engines on the given settings, plus stand-in engines
/// under the local engines' names. Starting it runs the start-up validation a real server runs.
/// </summary>
public sealed class EngineHost : IAsyncDisposable
{
    public static readonly string[] LocalEngineNames = ["procedural-image", "procedural-video", "sprite-animation"];

    private readonly IHost _host;

    private EngineHost(IHost host) => _host = host;

    public IModelRegistry Registry => _host.Services.GetRequiredService<IModelRegistry>();

    /// <summary>Builds and starts the host; throws what the start throws (an OptionsValidationException on bad settings).</summary>
    public static async Task<EngineHost> StartAsync(IReadOnlyDictionary<string, string?> settings, IEnumerable<string>? localEngines = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        foreach (var name in localEngines ?? LocalEngineNames)
        {
            builder.Services.AddSingleton<IGenerationEngine>(new StubEngine(name));
        }

        builder.Services.AddProviderEngines().AddModelRegistry();
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

        return new EngineHost(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        _host.Dispose();
    }

    private sealed class StubEngine(string name) : IGenerationEngine
    {
        public string Name => name;

        public Task<EngineResult> RunAsync(EngineRequest request, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
