using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Tessera.Engines.Providers;

/// <summary>Stops the start on a provider engine that cannot work, naming the setting.</summary>
internal sealed class ProviderOptionsValidator : IValidateOptions<EnginesOptions>
{
    public ValidateOptionsResult Validate(string? name, EnginesOptions options)
    {
        var failures = new List<string>();
        foreach (var (engine, provider) in options.Providers)
        {
            failures.AddRange(ProblemsWith(provider).Select(problem => $"{EnginesOptions.Section}:Providers:{engine}: {problem}"));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static IEnumerable<string> ProblemsWith(ProviderEngineOptions provider)
    {
        if (provider.Kind is null)
        {
            yield return "Kind is required: openai, replicate, comfyui or gemini";
            yield break;
        }

        if (!Uri.TryCreate(provider.EffectiveBaseUrl, UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("http" or "https"))
        {
            yield return $"BaseUrl '{provider.BaseUrl}' is not an absolute http(s) URL";
        }

        if (provider.Timeout <= TimeSpan.Zero)
        {
            yield return "Timeout must be positive";
        }

        if (provider.PollInterval <= TimeSpan.Zero)
        {
            yield return "PollInterval must be positive";
        }

        if (provider.MaxOutputBytes <= 0)
        {
            yield return "MaxOutputBytes must be positive";
        }

        if (provider.WaitSeconds is < 0 or > 60)
        {
            yield return "WaitSeconds must be 0 (no Prefer header) to 60";
        }

        if (provider.WorkflowFile.Length > 0 && !File.Exists(provider.WorkflowFile))
        {
            yield return $"WorkflowFile '{provider.WorkflowFile}' does not exist";
        }

        if (provider.Workflow.Length > 0 && !IsJsonObject(provider.Workflow))
        {
            yield return "Workflow is not a JSON object (ComfyUI's API-format workflow)";
        }
    }

    private static bool IsJsonObject(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
