namespace Tessera.Engines;

/// <summary>The models this server offers (configuration plus built-in defaults) and the engines that run them.</summary>
public interface IModelRegistry
{
    IReadOnlyList<ModelDefinition> All { get; }

    /// <summary>The model with this <c>apiId</c> (case-sensitive), or null.</summary>
    ModelDefinition? Find(string id);

    /// <summary>The engine registered under <paramref name="name"/>, or null.</summary>
    IGenerationEngine? Engine(string name);

    /// <summary>
    /// Null when some engine of <paramref name="model"/>'s chain can run here; otherwise why not (the first engine's
    /// reason, or that it is not registered).
    /// </summary>
    string? UnavailableReason(ModelDefinition model)
    {
        ArgumentNullException.ThrowIfNull(model);
        string? first = null;
        foreach (var name in model.Engines)
        {
            var reason = Engine(name) is { } engine ? engine.UnavailableReason : $"engine '{name}' is not configured on this server";
            if (reason is null)
            {
                return null;
            }

            first ??= reason;
        }

        return first ?? "the model has no engine";
    }
}
