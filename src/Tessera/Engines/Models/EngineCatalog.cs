using Tessera.Engines.Providers;

namespace Tessera.Engines.Models;

/// <summary>Every engine on this server by name: the registered <see cref="IGenerationEngine"/> services and the configured provider engines.</summary>
internal sealed class EngineCatalog
{
    private readonly Dictionary<string, IGenerationEngine> _byName = new(StringComparer.Ordinal);

    public EngineCatalog(IEnumerable<IGenerationEngine> registered, ProviderEngines providers)
    {
        foreach (var engine in registered.Concat(providers.All))
        {
            if (!_byName.TryAdd(engine.Name, engine))
            {
                Duplicates.Add(engine.Name);
            }
        }
    }

    public IReadOnlyCollection<string> Names => _byName.Keys;

    /// <summary>Names two engines share (a provider named like a local engine): the start is stopped.</summary>
    public List<string> Duplicates { get; } = [];

    public IGenerationEngine? Find(string name) => _byName.GetValueOrDefault(name);
}
