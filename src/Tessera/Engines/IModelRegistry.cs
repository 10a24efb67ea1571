namespace Tessera.Engines;

/// <summary>The models this server offers (configuration plus built-in defaults) and the engines that run them.</summary>
public interface IModelRegistry
{
    IReadOnlyList<ModelDefinition> All { get; }

    /// <summary>The model with this <c>apiId</c> (case-sensitive), or null.</summary>
    ModelDefinition? Find(string id);

    /// <summary>The engine registered under <paramref name="name"/>, or null.</summary>
    IGenerationEngine? Engine(string name);
}
