using System.Text.Json;

namespace Tessera.Engines;

/// <summary>
/// A model as a surface lists it (<c>flux-1.1-pro</c>, <c>qwen-image</c>, <c>pixel-engine-animate</c> ...), mapped by the
/// operator to engines. Bound from <c>Tessera:Models:{Id}</c>; the registry adds built-in defaults.
/// </summary>
public sealed class ModelDefinition
{
    /// <summary>The <c>apiId</c> clients use.</summary>
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>Says what the model is; a procedural engine's description says plainly that it is not a neural model.</summary>
    public string Description { get; set; } = "";

    /// <summary>Which surfaces list the model (<c>dojo</c>, <c>engine</c>).</summary>
    public List<string> Surfaces { get; set; } = ["dojo"];

    /// <summary>The engine chain: the first is tried, later ones are fallbacks when it fails.</summary>
    public List<string> Engines { get; set; } = [];

    /// <summary><c>image</c>, <c>video</c> or <c>animation</c>.</summary>
    public string OutputKind { get; set; } = OutputRoles.Image;

    /// <summary>
    /// True for models meant to put text in pictures (<c>qwen-image</c>): the built-in image engine then draws the
    /// prompt's quoted text ("a sign saying \"OPEN\"") with a real font. Provider engines ignore it.
    /// </summary>
    public bool DrawsText { get; set; }

    /// <summary>How the credit cost is computed from the input.</summary>
    public ModelPricing Pricing { get; set; } = new();

    /// <summary>The input JSON schema (draft 2020-12 or 07 text) served at <c>/models/{apiId}/schema</c>; empty means the registry's default for the output kind.</summary>
    public string Schema { get; set; } = "";

    /// <summary>Engine-specific values (a provider's model name, a ComfyUI workflow file, default size ...).</summary>
    public Dictionary<string, string> Settings { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The credit cost of one job with <paramref name="input"/>: fixed, per output × <c>num_outputs</c>, or per second × <c>duration</c>.</summary>
    public decimal CostFor(JsonElement input) => Pricing.Kind switch
    {
        PricingKind.PerOutput => Pricing.Credits * Math.Max(1, ReadNumber(input, "num_outputs", 1)),
        PricingKind.PerSecond => Pricing.Credits * Math.Max(1, ReadNumber(input, "duration", Pricing.DefaultDurationSeconds)),
        _ => Pricing.Credits,
    };

    private static decimal ReadNumber(JsonElement input, string name, decimal fallback) =>
        input.ValueKind == JsonValueKind.Object && input.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            ? value.GetDecimal()
            : fallback;
}

public enum PricingKind
{
    Fixed,
    PerOutput,
    PerSecond,
}

public sealed class ModelPricing
{
    public PricingKind Kind { get; set; } = PricingKind.PerOutput;

    /// <summary>Credits per job, per output or per second, by <see cref="Kind"/>.</summary>
    public decimal Credits { get; set; } = 1;

    /// <summary>The duration charged when a per-second model's input leaves <c>duration</c> out.</summary>
    public decimal DefaultDurationSeconds { get; set; } = 5;
}
