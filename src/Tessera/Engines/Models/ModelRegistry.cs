using Microsoft.Extensions.Options;

namespace Tessera.Engines.Models;

/// <summary>The validated model list (<see cref="ModelCatalogOptions"/>) and every engine by name.</summary>
internal sealed class ModelRegistry : IModelRegistry
{
    private readonly Dictionary<string, ModelDefinition> _byId;
    private readonly EngineCatalog _engines;

    public ModelRegistry(IOptions<ModelCatalogOptions> catalog, EngineCatalog engines)
    {
        All = catalog.Value.Models;
        _byId = All.ToDictionary(model => model.Id, StringComparer.Ordinal);
        _engines = engines;
    }

    public IReadOnlyList<ModelDefinition> All { get; }

    public ModelDefinition? Find(string id) => _byId.GetValueOrDefault(id);

    public IGenerationEngine? Engine(string name) => _engines.Find(name);
}
