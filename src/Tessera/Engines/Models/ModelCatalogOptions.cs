namespace Tessera.Engines.Models;

/// <summary>
/// The models this server offers, built at start from the built-in defaults and section <c>Tessera:Models</c> by
/// <see cref="ModelCatalogSetup"/> and checked by <see cref="ModelCatalogValidator"/> (a bad entry stops the start).
/// </summary>
public sealed class ModelCatalogOptions
{
    public const string Section = "Tessera:Models";

    public List<ModelDefinition> Models { get; } = [];

    /// <summary>Ids of models the operator configured (checked strictly); the others are built-in defaults.</summary>
    internal HashSet<string> Configured { get; } = new(StringComparer.Ordinal);

    /// <summary>Configuration mistakes found while reading the section (duplicate ids ...), reported by the validator.</summary>
    internal List<string> Problems { get; } = [];
}
