using System.Text.Json;

namespace Tessera.Common;

/// <summary>
/// Checks a body parsed into a <see cref="JsonElement"/> for what <see cref="JsonDocument"/> lets through unchecked but
/// nothing downstream can use: strings that are not Unicode (invalid UTF-8 bytes, lone surrogate escapes such as
/// <c>"\ud800"</c>; reading them throws, and PostgreSQL refuses them in <c>jsonb</c>) or hold a NUL (<c>"\u0000"</c>,
/// which no PostgreSQL text or jsonb value can hold) and numbers that fit no .NET
/// number type (Json.NET turns an integer past 64 bits into a BigInteger that NJsonSchema cannot compare). Run it before
/// a body is validated, stored or read field by field; the error names the offending field.
/// </summary>
public static class JsonInput
{
    public const string InvalidJson = "invalid_json";

    /// <summary>The first problem in <paramref name="element"/>, or null when every string and number is usable.</summary>
    public static Error? Check(JsonElement element) => Walk(element, "");

    /// <summary>The string's value, or false when it is not valid Unicode (instead of the getter's exception).</summary>
    public static bool TryGetString(JsonElement element, out string? value)
    {
        try
        {
            value = element.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            // System.Text.Json transcodes lazily: an invalid sequence is found only when the value is read.
            value = null;
            return false;
        }
    }

    private static Error? Walk(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (!TryGetName(property, out var name))
                    {
                        return NotText(path.Length == 0 ? "a property name" : $"a property name in {path}");
                    }

                    if (Walk(property.Value, path.Length == 0 ? name : $"{path}.{name}") is { } error)
                    {
                        return error;
                    }
                }

                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (Walk(item, $"{path}[{index++}]") is { } error)
                    {
                        return error;
                    }
                }

                return null;
            case JsonValueKind.String:
                return TryGetString(element, out var text) && !text!.Contains('\0', StringComparison.Ordinal)
                    ? null
                    : NotText(path.Length == 0 ? "the body" : path);
            case JsonValueKind.Number:
                return IsUsableNumber(element) ? null : Error.Validation(
                    $"{(path.Length == 0 ? "the body" : path)}: number out of range (integers must fit in 64 bits, other numbers within ±7.9e28).");
            default:
                return null;
        }
    }

    private static bool TryGetName(JsonProperty property, out string name)
    {
        try
        {
            name = property.Name;
            return true;
        }
        catch (InvalidOperationException)
        {
            name = "";
            return false;
        }
    }

    /// <summary>An integer literal must be an Int64; a fraction or exponent must be a decimal (what schema bounds compare as).</summary>
    private static bool IsUsableNumber(JsonElement element)
    {
        var raw = element.GetRawText();
        return raw.AsSpan().IndexOfAny('.', 'e', 'E') < 0 ? element.TryGetInt64(out _) : element.TryGetDecimal(out _);
    }

    private static Error NotText(string where) =>
        new(InvalidJson, $"{where}: not valid text (invalid UTF-8, a lone surrogate escape such as \\ud800, or a NUL \\u0000).", 400);
}
