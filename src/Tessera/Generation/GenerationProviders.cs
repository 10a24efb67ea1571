using Microsoft.Extensions.Options;
using Tessera.Engines;
using Tessera.Engines.Local.Procedural;
using Tessera.Engines.Providers;

namespace Tessera.Generation;

/// <summary>A provider as generation tries it: its name (what the answer's <c>provider</c> says), title, engine and model.</summary>
/// <param name="NeedsGeminiKey">A Gemini engine without a configured key: tried only when the caller brings <c>gemini_key</c>.</param>
/// <param name="TakesGeminiKey">A Gemini engine: the caller's <c>gemini_key</c> replaces its key for that request.</param>
public sealed record GenerationProvider(string Name, string Title, string Engine, string Model, bool IsLocal, bool TakesGeminiKey, bool NeedsGeminiKey);

/// <summary>The providers of <see cref="GenerationOptions.Order"/>, in order, resolved against the engines' configuration.</summary>
public sealed class GenerationProviders(IOptions<GenerationOptions> options, IOptions<EnginesOptions> engines)
{
    public const string LocalTitle = "Local procedural";

    public IReadOnlyList<GenerationProvider> Ordered()
    {
        var settings = options.Value;
        var list = new List<GenerationProvider>();
        foreach (var name in settings.OrderedNames)
        {
            if (settings.Providers.TryGetValue(name, out var provider))
            {
                var engine = engines.Value.Providers.GetValueOrDefault(provider.Engine);
                var gemini = engine?.Kind == ProviderKind.Gemini;
                list.Add(new GenerationProvider(
                    name, provider.Title.Length > 0 ? provider.Title : name, provider.Engine, provider.Model,
                    provider.Engine == ProceduralImageEngine.EngineName, gemini, gemini && engine!.ApiKey.Length == 0));
            }
            else if (name == GenerationOptions.LocalProvider)
            {
                list.Add(new GenerationProvider(name, LocalTitle, ProceduralImageEngine.EngineName, "", IsLocal: true, TakesGeminiKey: false, NeedsGeminiKey: false));
            }
        }

        return list;
    }
}
