using Tessera.Engines.Providers;

namespace Tessera.Engines;

/// <summary>Engines settings, section <c>Tessera:Engines</c>.</summary>
public sealed class EnginesOptions
{
    public const string Section = "Tessera:Engines";

    /// <summary>Offer the built-in default models (<see cref="Models.DefaultModels"/>); false lists only configured ones.</summary>
    public bool BuiltInModels { get; set; } = true;

    /// <summary>HTTP provider engine instances by name (<c>openai-main</c>, <c>replicate</c> ...); the name is what models' <c>Engines</c> list.</summary>
    public Dictionary<string, ProviderEngineOptions> Providers { get; set; } = new(StringComparer.Ordinal);
}
