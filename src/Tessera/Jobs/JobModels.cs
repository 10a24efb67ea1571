using Microsoft.Extensions.Options;
using Tessera.Engines;

namespace Tessera.Jobs;

/// <summary>
/// The models and engines jobs run on: the registered <see cref="IModelRegistry"/> (the Engines module's, or a test's),
/// plus the module's own <c>noop</c> model when <see cref="JobsOptions.NoopModel"/> is on (benchmarks and crash tests,
/// which must work whatever models the operator configures).
/// </summary>
internal sealed class JobModels(IServiceProvider services, IOptions<JobsOptions> options)
{
    private readonly IModelRegistry? _registry = services.GetService<IModelRegistry>();
    private readonly NoopEngine _noop = new();
    private readonly bool _noopModel = options.Value.NoopModel;

    public ModelDefinition? Find(string id) =>
        _registry?.Find(id) ?? (_noopModel && id == NoopEngine.ModelId ? NoopEngine.Model : null);

    public IGenerationEngine? Engine(string name) =>
        _registry?.Engine(name) ?? (_noopModel && name == NoopEngine.EngineName ? _noop : null);

    /// <summary>Why <paramref name="model"/> cannot run here, or null (the noop model always can).</summary>
    public string? UnavailableReason(ModelDefinition model) =>
        _registry is null || ReferenceEquals(model, NoopEngine.Model) ? null : _registry.UnavailableReason(model);
}
