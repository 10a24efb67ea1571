using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Tessera.Engines.Models;

/// <summary>
/// Refuses to start with a model that cannot work: an engine name nothing registers, a duplicate id, bad pricing, an
/// unknown output kind or a schema that does not parse. Each message names the model and the field.
/// </summary>
internal sealed partial class ModelCatalogValidator(EngineCatalog engines) : IValidateOptions<ModelCatalogOptions>
{
    private static readonly string[] OutputKinds = [OutputRoles.Image, OutputRoles.Video, OutputRoles.Animation];

    public ValidateOptionsResult Validate(string? name, ModelCatalogOptions options)
    {
        var failures = new List<string>(options.Problems);
        failures.AddRange(engines.Duplicates.Select(engine => $"two engines are named '{engine}' (a provider may not reuse a built-in engine's name)"));
        foreach (var model in options.Models)
        {
            failures.AddRange(ProblemsWith(model).Select(problem => $"{ModelCatalogOptions.Section}:{model.Id}: {problem}"));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private IEnumerable<string> ProblemsWith(ModelDefinition model)
    {
        if (!IdPattern().IsMatch(model.Id))
        {
            yield return "the id must be 1-100 letters, digits, '.', '_' or '-' (it appears in URLs)";
        }

        if (model.Engines.Count == 0)
        {
            yield return "Engines is empty: name at least one engine";
        }

        foreach (var engine in model.Engines.Where(engine => engines.Find(engine) is null))
        {
            yield return $"Engines lists '{engine}', which is not an engine on this server (known: {string.Join(", ", engines.Names.Order(StringComparer.Ordinal))})";
        }

        if (model.Surfaces.Count == 0)
        {
            yield return "Surfaces is empty: name the surfaces that list the model (dojo, engine)";
        }

        if (!OutputKinds.Contains(model.OutputKind, StringComparer.Ordinal))
        {
            yield return $"OutputKind '{model.OutputKind}' is not one of {string.Join(", ", OutputKinds)}";
        }

        foreach (var problem in PricingProblems(model.Pricing))
        {
            yield return problem;
        }

        if (!string.IsNullOrWhiteSpace(model.Schema) && ModelInputValidator.ProblemWith(model.Schema) is { } schemaProblem)
        {
            yield return "Schema is not a valid JSON schema: " + schemaProblem;
        }
    }

    private static IEnumerable<string> PricingProblems(ModelPricing pricing)
    {
        if (!Enum.IsDefined(pricing.Kind))
        {
            yield return $"Pricing:Kind '{pricing.Kind}' is not Fixed, PerOutput or PerSecond";
        }

        if (pricing.Credits < 0)
        {
            yield return $"Pricing:Credits is {pricing.Credits}: it may not be negative";
        }

        // The ledger keeps credits in thousandths; a finer price could not be charged exactly.
        if (decimal.Round(pricing.Credits, 3) != pricing.Credits)
        {
            yield return $"Pricing:Credits is {pricing.Credits}: at most 3 decimal places";
        }

        if (pricing.Kind == PricingKind.PerSecond && pricing.DefaultDurationSeconds <= 0)
        {
            yield return $"Pricing:DefaultDurationSeconds is {pricing.DefaultDurationSeconds}: a per-second model needs a positive default";
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")]
    private static partial Regex IdPattern();
}
