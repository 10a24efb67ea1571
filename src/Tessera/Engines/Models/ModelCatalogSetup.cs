using Microsoft.Extensions.Options;

namespace Tessera.Engines.Models;

/// <summary>
/// Builds the model list: the built-in defaults, then each entry of <c>Tessera:Models</c>. An entry is keyed by its id
/// (<c>Tessera:Models:flux-1.1-pro:Engines:0</c>) or is a list element with an <c>Id</c>
/// (<c>Tessera:Models:0:Id=flux-1.1-pro</c>, handy in environment variables). An entry with a default's id overrides
/// only the fields it sets (a list it sets replaces the default's list); <c>Enabled=false</c> removes the model.
/// A built-in default whose engine is not registered on this server is left out with a warning, so a server without,
/// say, the video engine still starts; a configured model with an unknown engine stops the start instead.
/// </summary>
internal sealed class ModelCatalogSetup(
    IConfiguration configuration,
    IOptions<EnginesOptions> engines,
    EngineCatalog engineCatalog,
    ILogger<ModelCatalogSetup> logger) : IConfigureOptions<ModelCatalogOptions>
{
    public void Configure(ModelCatalogOptions options)
    {
        var models = new Dictionary<string, ModelDefinition>(StringComparer.Ordinal);
        if (engines.Value.BuiltInModels)
        {
            foreach (var model in DefaultModels.Create())
            {
                models[model.Id] = model;
            }
        }

        var seenAt = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in configuration.GetSection(ModelCatalogOptions.Section).GetChildren())
        {
            var id = IdOf(entry, options.Problems);
            if (id is null)
            {
                continue;
            }

            if (!seenAt.TryAdd(id, entry.Path))
            {
                options.Problems.Add($"duplicate model id '{id}' ({seenAt[id]} and {entry.Path})");
                continue;
            }

            if (entry.GetValue("Enabled", true) == false)
            {
                models.Remove(id);
                continue;
            }

            var model = models.GetValueOrDefault(id) ?? new ModelDefinition();
            BindOver(entry, model);
            model.Id = id;
            models[id] = model;
            options.Configured.Add(id);
        }

        foreach (var model in models.Values)
        {
            var missing = model.Engines.FirstOrDefault(name => engineCatalog.Find(name) is null);
            if (missing is not null && !options.Configured.Contains(model.Id))
            {
                Log.DefaultModelSkipped(logger, model.Id, missing);
                continue;
            }

            options.Models.Add(model);
        }
    }

    private static string? IdOf(IConfigurationSection entry, List<string> problems)
    {
        var explicitId = entry["Id"];
        if (int.TryParse(entry.Key, out _))
        {
            if (string.IsNullOrWhiteSpace(explicitId))
            {
                problems.Add($"{entry.Path}: a list entry needs an Id");
                return null;
            }

            return explicitId;
        }

        if (!string.IsNullOrEmpty(explicitId) && !string.Equals(explicitId, entry.Key, StringComparison.Ordinal))
        {
            problems.Add($"{entry.Path}: Id '{explicitId}' differs from its key '{entry.Key}' (the key is the model id)");
            return null;
        }

        return entry.Key;
    }

    private static void BindOver(IConfigurationSection entry, ModelDefinition model)
    {
        // The binder appends to a list it finds already filled; an entry that sets a list means "this list".
        if (entry.GetSection(nameof(ModelDefinition.Engines)).GetChildren().Any())
        {
            model.Engines = [];
        }

        if (entry.GetSection(nameof(ModelDefinition.Surfaces)).GetChildren().Any())
        {
            model.Surfaces = [];
        }

        entry.Bind(model);
    }
}
