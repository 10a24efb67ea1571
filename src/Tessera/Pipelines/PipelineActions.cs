namespace Tessera.Pipelines;

/// <summary>The actions a pipeline step may name: every <see cref="IPipelineAction"/> registered, by name.</summary>
public sealed class PipelineActions
{
    private readonly Dictionary<string, IPipelineAction> _byName;

    public PipelineActions(IEnumerable<IPipelineAction> actions)
    {
        _byName = actions.ToDictionary(action => action.Definition.Name, StringComparer.Ordinal);
        Names = [.. _byName.Keys.Order(StringComparer.Ordinal)];
    }

    public IReadOnlyList<string> Names { get; }

    public IEnumerable<PipelineActionDefinition> Definitions => Names.Select(name => _byName[name].Definition);

    public IPipelineAction? Find(string name) => _byName.GetValueOrDefault(name);
}
