using System.Globalization;
using System.Text.Json;
using Tessera.Common;

namespace Tessera.Surfaces.PixelsOcean;

/// <summary>Reading the Ocean routes' query strings and JSON bodies, with errors that name the field and what it takes.</summary>
internal static class OceanInput
{
    public static Result<int> Int(string? value, string name, int fallback, int min, int max, bool clamp = false)
    {
        if (string.IsNullOrEmpty(value))
        {
            return fallback;
        }

        if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) || number < min || (!clamp && number > max))
        {
            return Error.Validation($"'{name}' must be a whole number from {min} to {max}.");
        }

        return Math.Min(number, max);
    }

    public static Result<long?> Id(string? value, string name)
    {
        if (string.IsNullOrEmpty(value))
        {
            return (long?)null;
        }

        return long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) && id > 0
            ? id
            : Error.Validation($"'{name}' must be a positive integer id.");
    }

    /// <summary>The body as a JSON object; a missing body is an empty object.</summary>
    public static Result<JsonElement> Object(JsonElement? body)
    {
        if (body is not { } element || element.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return JsonDocument.Parse("{}").RootElement;
        }

        return element.ValueKind == JsonValueKind.Object ? element : Error.Validation("The body must be a JSON object.");
    }

    /// <summary>A string field: absent → (false, null); JSON null → (true, null); a string → (true, it); else an error.</summary>
    public static Result<(bool Present, string? Value)> String(JsonElement body, string name)
    {
        if (!body.TryGetProperty(name, out var value))
        {
            return (false, null);
        }

        return value.ValueKind switch
        {
            JsonValueKind.Null => (true, null),
            JsonValueKind.String => (true, value.GetString()),
            _ => Error.Validation($"'{name}' must be a string."),
        };
    }

    public static Result<(bool Present, long? Value)> OptionalId(JsonElement body, string name)
    {
        if (!body.TryGetProperty(name, out var value))
        {
            return (false, null);
        }

        if (value.ValueKind == JsonValueKind.Null)
        {
            return (true, null);
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var id) && id > 0
            ? (true, id)
            : Error.Validation($"'{name}' must be a positive integer id or null.");
    }

    /// <summary>An array of strings; absent → null.</summary>
    public static Result<IReadOnlyList<string?>?> Strings(JsonElement body, string name)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return Result<IReadOnlyList<string?>?>.Ok(null);
        }

        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(item => item.ValueKind != JsonValueKind.String))
        {
            return Error.Validation($"'{name}' must be an array of strings.");
        }

        return Result<IReadOnlyList<string?>?>.Ok(value.EnumerateArray().Select(item => item.GetString()).ToList());
    }

    /// <summary>An array of ids; absent → null.</summary>
    public static Result<IReadOnlyList<long>?> Ids(JsonElement body, string name)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return Result<IReadOnlyList<long>?>.Ok(null);
        }

        var ids = new List<long>();
        if (value.ValueKind != JsonValueKind.Array)
        {
            return Error.Validation($"'{name}' must be an array of media ids.");
        }

        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out var id) || id <= 0)
            {
                return Error.Validation($"'{name}' must be an array of positive integer ids.");
            }

            ids.Add(id);
        }

        return Result<IReadOnlyList<long>?>.Ok(ids);
    }

    public static Result<bool?> Bool(JsonElement body, string name)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return (bool?)null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number when value.TryGetInt32(out var n) && n is 0 or 1 => n == 1,
            _ => Error.Validation($"'{name}' must be true or false."),
        };
    }

    /// <summary>A whole-number field <paramref name="min"/>–<paramref name="max"/> (a numeric string too, as forms send it); absent or null = <paramref name="fallback"/>.</summary>
    public static Result<int> IntField(JsonElement body, string name, int fallback, int min, int max)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return fallback;
        }

        var text = value.ValueKind switch
        {
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.String => value.GetString(),
            _ => "not a number",
        };
        return string.IsNullOrEmpty(text) ? Error.Validation($"'{name}' must be a whole number from {min} to {max}.") : Int(text, name, fallback, min, max);
    }

    /// <summary>A form field's flag (<c>1</c>/<c>0</c>, <c>true</c>/<c>false</c>, <c>on</c>, <c>yes</c>/<c>no</c>); empty or absent = false.</summary>
    public static Result<bool> FormFlag(string? value, string name) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "0" or "false" or "no" or "off" => false,
        "1" or "true" or "yes" or "on" => true,
        _ => Error.Validation($"'{name}' must be 1 or 0 (true or false)."),
    };
}
