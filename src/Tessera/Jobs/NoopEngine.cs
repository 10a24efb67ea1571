using Tessera.Engines;

namespace Tessera.Jobs;

/// <summary>
/// An engine that makes a fixed 1×1 PNG at once (or after <c>delay_ms</c> of its input, at most 60 s, honouring
/// cancellation): what the queue benchmark measures the queue with, and what crash tests keep jobs running with.
/// </summary>
internal sealed class NoopEngine : IGenerationEngine
{
    public const string EngineName = "noop";
    public const string ModelId = "noop";

    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    public static ModelDefinition Model { get; } = new()
    {
        Id = ModelId,
        Name = "No-op",
        Description = "Test model: returns a 1×1 PNG without generating anything.",
        Surfaces = ["dojo", "engine"],
        Engines = [EngineName],
        Pricing = new ModelPricing { Kind = PricingKind.Fixed, Credits = 1 },
    };

    public string Name => EngineName;

    public async Task<EngineResult> RunAsync(EngineRequest request, CancellationToken cancellationToken)
    {
        if (request.Input.ValueKind == System.Text.Json.JsonValueKind.Object &&
            request.Input.TryGetProperty("delay_ms", out var delay) && delay.TryGetInt32(out var milliseconds) && milliseconds > 0)
        {
            await Task.Delay(Math.Min(milliseconds, 60_000), cancellationToken);
        }

        return new EngineResult([new EngineOutput(Png, "image/png", OutputRoles.Image)]);
    }
}
