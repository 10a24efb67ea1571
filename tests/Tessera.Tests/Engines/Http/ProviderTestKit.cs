using System.Text.Json;
using Tessera.Engines;
using Tessera.Tests.Engines.Registry;

namespace Tessera.Tests.Engines.Http;

/// <summary>Builds a provider engine from configuration (as an operator would) pointed at a fake, and requests for it.</summary>
public static class ProviderTestKit
{
    /// <summary>The first bytes of a PNG: enough for the engines' magic-number check.</summary>
    public static readonly byte[] Png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R', 0, 0, 0, 1];

    public static readonly byte[] Html = "<html><body>Bad gateway</body></html>"u8.ToArray();

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A started host with one provider engine named <c>test</c>; dispose the host after the test.</summary>
    public static async Task<(EngineHost Host, IGenerationEngine Engine)> EngineAsync(string kind, string baseUrl, params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Tessera:Engines:BuiltInModels"] = "false",
            ["Tessera:Engines:Providers:test:Kind"] = kind,
            ["Tessera:Engines:Providers:test:BaseUrl"] = baseUrl,
            ["Tessera:Engines:Providers:test:ApiKey"] = "sk-test",
            ["Tessera:Engines:Providers:test:PollInterval"] = "00:00:00.020",
            ["Tessera:Engines:Providers:test:Timeout"] = "00:00:10",
        };
        foreach (var (key, value) in extra)
        {
            settings["Tessera:Engines:Providers:test:" + key] = value;
        }

        var host = await EngineHost.StartAsync(settings, localEngines: []);
        return (host, host.Registry.Engine("test") ?? throw new InvalidOperationException("engine 'test' not registered"));
    }

    public static EngineRequest Request(string inputJson, Dictionary<string, string>? settings = null, string outputKind = OutputRoles.Image)
    {
        var model = new ModelDefinition { Id = "test-model", Engines = ["test"], OutputKind = outputKind };
        foreach (var (key, value) in settings ?? [])
        {
            model.Settings[key] = value;
        }

        using var document = JsonDocument.Parse(inputJson);
        return new EngineRequest("job_test1", model, document.RootElement.Clone(), Attempt: 1);
    }
}
