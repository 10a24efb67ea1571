using Microsoft.Extensions.Options;

namespace Tessera.Vision;

/// <summary>Checks <c>Tessera:Vision</c> at start: known, distinct engine names and positive limits.</summary>
internal sealed class VisionOptionsValidator : IValidateOptions<VisionOptions>
{
    public static readonly IReadOnlyList<string> KnownEngines = [VisionEngineNames.Local, VisionEngineNames.OpenAI, VisionEngineNames.Gemini];

    public ValidateOptionsResult Validate(string? name, VisionOptions options)
    {
        var failures = new List<string>();
        foreach (var engine in options.EngineOrder)
        {
            if (!KnownEngines.Contains(engine, StringComparer.OrdinalIgnoreCase))
            {
                failures.Add($"Tessera:Vision:Engines: '{engine}' is not an engine; use {string.Join(", ", KnownEngines)}.");
            }
        }

        if (options.EngineOrder.Distinct(StringComparer.OrdinalIgnoreCase).Count() != options.EngineOrder.Count)
        {
            failures.Add("Tessera:Vision:Engines names an engine twice.");
        }

        if (options.MinScore is < 0 or > 1)
        {
            failures.Add("Tessera:Vision:MinScore must be between 0 and 1.");
        }

        if (options.MaxLabels < 1 || options.MaxImageBytes < 1 || options.MaxPixels < 1)
        {
            failures.Add("Tessera:Vision:MaxLabels, MaxImageBytes and MaxPixels must be positive.");
        }

        var local = options.Local;
        if (local.Workers < 1 || local.QueueLength < 0 || local.ImageTimeout <= TimeSpan.Zero || local.StartTimeout <= TimeSpan.Zero)
        {
            failures.Add("Tessera:Vision:Local: Workers must be at least 1, QueueLength not negative, the timeouts positive.");
        }

        foreach (var (section, http) in new[] { ("OpenAI", options.OpenAI), ("Gemini", options.Gemini) })
        {
            if (http.Timeout <= TimeSpan.Zero || http.MaxSide < 64 || string.IsNullOrWhiteSpace(http.Model))
            {
                failures.Add($"Tessera:Vision:{section}: Timeout must be positive, MaxSide at least 64 and Model set.");
            }

            if (http.BaseUrl.Length > 0 && (!Uri.TryCreate(http.BaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
            {
                failures.Add($"Tessera:Vision:{section}:BaseUrl must be an absolute http(s) URL.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
