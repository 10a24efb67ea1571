using Microsoft.Extensions.Options;
using Tessera.Common;
using Tessera.Engines;

namespace Tessera.Generation;

/// <summary>One generation: the caller's prompt, a resolved style, the orientation, how many images, and a key the
/// caller brought for this request only (<c>gemini_key</c>: used by Gemini providers, never stored or logged).</summary>
public sealed record GenerationRequest(string Prompt, StylePreset Style, Orientation Orientation, int Count, CallerApiKey? GeminiKey = null);

/// <summary>The rules of a generation request, written once for every route and the pipeline's <c>generate</c> step.</summary>
public sealed class GenerationRequests(StylePresets styles, IOptions<GenerationOptions> options)
{
    public const int MinCount = 1;
    public const int MaxCount = 4;
    public const int DefaultCount = 2;

    /// <summary>The longest <c>gemini_key</c> accepted (Google's keys are 39 characters).</summary>
    public const int MaxKeyLength = 256;

    public Result<GenerationRequest> Create(string? prompt, string? style, string? orientation, int count, string? geminiKey, string promptField = "prompt")
    {
        var checkedPrompt = Prompt(prompt, promptField);
        if (!checkedPrompt.IsSuccess)
        {
            return checkedPrompt.Error;
        }

        var common = Common(style, orientation, count, geminiKey);
        return common.IsSuccess ? common.Value with { Prompt = checkedPrompt.Value } : common.Error;
    }

    /// <summary>Style, orientation, count and key, with an empty prompt (a batch sets one per description).</summary>
    public Result<GenerationRequest> Common(string? style, string? orientation, int count, string? geminiKey)
    {
        if (count is < MinCount or > MaxCount)
        {
            return Error.Validation($"'count' must be a whole number from {MinCount} to {MaxCount}.");
        }

        if (!Orientations.TryParse(orientation, out var parsed))
        {
            return Error.Validation($"'orientation' must be one of {Orientations.Names}.");
        }

        if (geminiKey is { Length: > MaxKeyLength })
        {
            return Error.Validation($"'gemini_key' must be at most {MaxKeyLength} characters.");
        }

        var preset = styles.Resolve(style);
        if (!preset.IsSuccess)
        {
            return preset.Error;
        }

        return new GenerationRequest("", preset.Value, parsed, count, string.IsNullOrWhiteSpace(geminiKey) ? null : new CallerApiKey(geminiKey.Trim()));
    }

    /// <summary>A prompt: required, at most <see cref="GenerationOptions.MaxPromptLength"/> characters, trimmed.</summary>
    public Result<string> Prompt(string? prompt, string field = "prompt")
    {
        var max = options.Value.MaxPromptLength;
        if (string.IsNullOrWhiteSpace(prompt))
        {
            return Error.Validation($"'{field}' is required: describe the image to generate.");
        }

        return prompt.Length > max ? Error.Validation($"'{field}' must be at most {max} characters.") : prompt.Trim();
    }
}
