using System.Collections.Concurrent;
using Tessera.Engines;

namespace Tessera.Tests.Jobs;

/// <summary>The engines the job tests run on: one that works, and each way one can go wrong.</summary>
internal static class TestEngines
{
    public static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    public static EngineResult PngResult(byte[]? bytes = null) => new([new EngineOutput(bytes ?? Png, "image/png", OutputRoles.Image)]);
}

internal sealed class OkEngine : IGenerationEngine
{
    public string Name => "ok";

    public Task<EngineResult> RunAsync(EngineRequest request, CancellationToken cancellationToken)
    {
        // "unique": true makes bytes of its own (a PNG signature, then the job id), so no blob is shared.
        var unique = request.Input.TryGetProperty("unique", out var flag) && flag.GetBoolean();
        var bytes = unique ? [.. TestEngines.Png, .. System.Text.Encoding.UTF8.GetBytes(request.JobId)] : TestEngines.Png;
        return Task.FromResult(TestEngines.PngResult(bytes));
    }
}

internal sealed class FailingEngine : IGenerationEngine
{
    public string Name => "fail";

    public Task<EngineResult> RunAsync(EngineRequest request, CancellationToken cancellationToken) =>
        throw new EngineException("provider_error", "The provider refused the prompt.", transient: false);
}

internal sealed class HangingEngine : IGenerationEngine
{
    public string Name => "hang";

    public async Task<EngineResult> RunAsync(EngineRequest request, CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        throw new InvalidOperationException("unreachable");
    }
}

/// <summary>Ignores its token entirely: the runner must still give up at the deadline.</summary>
internal sealed class DeafEngine : IGenerationEngine
{
    public string Name => "deaf";

    public async Task<EngineResult> RunAsync(EngineRequest request, CancellationToken cancellationToken)
    {
        await Task.Delay(TimeSpan.FromSeconds(30), CancellationToken.None);
        return TestEngines.PngResult();
    }
}

internal sealed class GarbageEngine : IGenerationEngine
{
    public string Name => "garbage";

    public Task<EngineResult> RunAsync(EngineRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(new EngineResult([new EngineOutput("this is not a png"u8.ToArray(), "image/png", OutputRoles.Image)]));
}

/// <summary>Fails transiently twice per job, then works.</summary>
internal sealed class FlakyEngine : IGenerationEngine
{
    private readonly ConcurrentDictionary<string, int> _calls = new();

    public string Name => "flaky";

    public Task<EngineResult> RunAsync(EngineRequest request, CancellationToken cancellationToken) =>
        _calls.AddOrUpdate(request.JobId, 1, (_, n) => n + 1) <= 2
            ? throw new EngineException("provider_unavailable", "503 from the provider.", transient: true)
            : Task.FromResult(TestEngines.PngResult());
}

/// <summary>Always fails transiently.</summary>
internal sealed class DownEngine : IGenerationEngine
{
    public string Name => "down";

    public Task<EngineResult> RunAsync(EngineRequest request, CancellationToken cancellationToken) =>
        throw new EngineException("provider_unavailable", "503 from the provider.", transient: true);
}

internal sealed class TestModelRegistry : IModelRegistry
{
    private readonly Dictionary<string, IGenerationEngine> _engines;
    private readonly Dictionary<string, ModelDefinition> _models;

    public TestModelRegistry()
    {
        IGenerationEngine[] engines = [new OkEngine(), new FailingEngine(), new HangingEngine(), new DeafEngine(), new GarbageEngine(), new FlakyEngine(), new DownEngine()];
        _engines = engines.ToDictionary(e => e.Name);
        _models = new ModelDefinition[]
        {
            Model("ok", "ok"),
            Model("fail", "fail"),
            Model("hang", "hang"),
            Model("deaf", "deaf"),
            Model("garbage", "garbage"),
            Model("flaky", "flaky"),
            Model("fallback", "down", "fail", "ok"),
            Model("nothing-works", "fail", "garbage"),
        }.ToDictionary(m => m.Id);
    }

    public IReadOnlyList<ModelDefinition> All => [.. _models.Values];

    public ModelDefinition? Find(string id) => _models.GetValueOrDefault(id);

    public IGenerationEngine? Engine(string name) => _engines.GetValueOrDefault(name);

    private static ModelDefinition Model(string id, params string[] engines) => new()
    {
        Id = id,
        Name = id,
        Engines = [.. engines],
        Pricing = new ModelPricing { Kind = PricingKind.PerOutput, Credits = 2 },
    };
}
