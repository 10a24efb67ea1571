using System.Text.Json;

namespace Tessera.Engines.Local;

/// <summary>
/// Reads fields of an engine's input JSON. The surface has validated the input against the model's schema already, but
/// an operator may map a model with a looser schema to a local engine, so each engine checks its own bounds again and
/// refuses out-of-range values with <c>validation_error</c> (not transient: retrying the same input cannot help).
/// </summary>
internal static class EngineInput
{
    public static EngineException Invalid(string message) => new("validation_error", message, transient: false);

    public static string String(JsonElement input, string name, string fallback = "")
    {
        if (!TryGet(input, name, out var value))
        {
            return fallback;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Invalid($"{name} must be a string.");
    }

    public static int? OptionalInt(JsonElement input, string name, int min, int max)
    {
        if (!TryGet(input, name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number))
        {
            throw Invalid($"{name} must be an integer.");
        }

        return number < min || number > max ? throw Invalid($"{name} must be between {min} and {max}.") : (int)number;
    }

    public static int Int(JsonElement input, string name, int fallback, int min, int max) => OptionalInt(input, name, min, max) ?? fallback;

    /// <summary>A number of seconds (integer or decimal) within bounds.</summary>
    public static double Number(JsonElement input, string name, double fallback, double min, double max)
    {
        if (!TryGet(input, name, out var value))
        {
            return fallback;
        }

        if (value.ValueKind != JsonValueKind.Number)
        {
            throw Invalid($"{name} must be a number.");
        }

        var number = value.GetDouble();
        return number < min || number > max ? throw Invalid($"{name} must be between {min} and {max}.") : number;
    }

    /// <summary>A seed: any integer that fits 32 bits (negative ones too, as clients send them); null when absent.</summary>
    public static int? Seed(JsonElement input) => OptionalInt(input, "seed", int.MinValue, int.MaxValue);

    /// <summary>A seed derived from the prompt (FNV-1a over its UTF-8 bytes, made non-negative), so a prompt without a
    /// seed still renders the same picture every time.</summary>
    public static int SeedFromPrompt(string prompt)
    {
        var hash = 2166136261u;
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(prompt))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return (int)(hash & 0x7FFFFFFF);
    }

    private static bool TryGet(JsonElement input, string name, out JsonElement value)
    {
        value = default;
        return input.ValueKind == JsonValueKind.Object && input.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;
    }
}
