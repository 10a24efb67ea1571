using Microsoft.Extensions.Options;
using Tessera.Engines;
using Tessera.Engines.Local.Procedural;

namespace Tessera.Generation;

/// <summary>Stops the start on a generation setting that cannot work, naming it: an order naming an unknown provider, a
/// provider naming an engine that is not configured, a locked style that does not exist, a bound that is not positive.</summary>
internal sealed class GenerationOptionsValidator(IOptions<EnginesOptions> engines) : IValidateOptions<GenerationOptions>
{
    public ValidateOptionsResult Validate(string? name, GenerationOptions options)
    {
        var failures = new List<string>();
        var section = GenerationOptions.Section;
        foreach (var provider in options.OrderedNames)
        {
            if (provider != GenerationOptions.LocalProvider && !options.Providers.ContainsKey(provider))
            {
                failures.Add($"{section}:Order names '{provider}', which is neither '{GenerationOptions.LocalProvider}' nor a provider of {section}:Providers");
            }
        }

        foreach (var (provider, settings) in options.Providers)
        {
            if (settings.Engine != ProceduralImageEngine.EngineName && !engines.Value.Providers.ContainsKey(settings.Engine))
            {
                failures.Add($"{section}:Providers:{provider}:Engine '{settings.Engine}' is not an engine of {EnginesOptions.Section}:Providers (or '{ProceduralImageEngine.EngineName}')");
            }
        }

        foreach (var style in options.LockedStyles.Where(style => StylePresets.Find(style) is null))
        {
            failures.Add($"{section}:LockedStyles names '{style}', which is not a style ({StylePresets.ValidSlugs})");
        }

        if (options.LocalLongSide is < 64 or > 2048)
        {
            failures.Add($"{section}:LocalLongSide must be 64 to 2048");
        }

        if (options.MaxImageBytes <= 0 || options.MaxPromptLength <= 0 || options.ProviderTimeout <= TimeSpan.Zero || options.MaxConcurrent <= 0
            || options.MaxBatchDescriptions <= 0 || options.BatchParallelism <= 0 || options.MaxBatchImages <= 0 || options.MaxQueuedPerAccount <= 0)
        {
            failures.Add($"{section}: MaxImageBytes, MaxPromptLength, ProviderTimeout, MaxConcurrent, MaxBatchDescriptions, BatchParallelism, MaxBatchImages and MaxQueuedPerAccount must be positive");
        }

        if (string.IsNullOrWhiteSpace(options.LibraryGroup))
        {
            failures.Add($"{section}:LibraryGroup must not be empty");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
