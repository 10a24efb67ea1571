using System.Globalization;
using System.Text.Json;
using Tessera.Common;

namespace Tessera.Editing;

/// <summary>
/// Reading one JSON object of an edit with errors that name the field by its path (<c>layers[2].opacity</c>) and say
/// what it takes. A field left out or null takes its default.
/// </summary>
internal readonly struct EditJson(JsonElement element, string path)
{
    public JsonElement Element => element;

    public string PathOf(string name) => path.Length == 0 ? name : $"{path}.{name}";

    public bool Has(string name) => element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;

    public Result<double> Number(string name, double fallback, double min, double max)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return fallback;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number) && number >= min && number <= max
            ? number
            : Error.Validation($"'{PathOf(name)}' must be a number from {Show(min)} to {Show(max)}.");
    }

    public Result<int> Int(string name, int fallback, int min, int max)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return fallback;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= min && number <= max
            ? number
            : Error.Validation($"'{PathOf(name)}' must be a whole number from {min} to {max}.");
    }

    public Result<int?> OptionalInt(string name, int min, int max)
    {
        if (!Has(name))
        {
            return (int?)null;
        }

        var value = Int(name, 0, min, max);
        return value.IsSuccess ? value.Value : value.Error;
    }

    public Result<long?> Id(string name)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return (long?)null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var id) && id > 0
            ? id
            : Error.Validation($"'{PathOf(name)}' must be a positive integer id.");
    }

    public Result<bool> Bool(string name)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return false;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => Error.Validation($"'{PathOf(name)}' must be true or false."),
        };
    }

    public Result<string?> String(string name)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return (string?)null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : Error.Validation($"'{PathOf(name)}' must be a string.");
    }

    /// <summary>A colour as <c>#rrggbb</c> or <c>#rgb</c>; <c>"none"</c> or null → null.</summary>
    public Result<uint?> Colour(string name, uint? fallback)
    {
        var text = String(name);
        if (!text.IsSuccess)
        {
            return text.Error;
        }

        if (text.Value is null)
        {
            return Has(name) ? (uint?)null : fallback;
        }

        var hex = text.Value.Trim();
        if (string.Equals(hex, "none", StringComparison.OrdinalIgnoreCase) || hex.Length == 0)
        {
            return (uint?)null;
        }

        if (hex.StartsWith('#'))
        {
            hex = hex[1..];
        }

        if (hex.Length == 3)
        {
            hex = string.Concat(hex.Select(c => new string(c, 2)));
        }

        return hex.Length == 6 && uint.TryParse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var rgb)
            ? rgb
            : Error.Validation($"'{PathOf(name)}' must be a colour as #rrggbb, #rgb or \"none\".");
    }

    /// <summary>A nested object; absent or null → null.</summary>
    public Result<EditJson?> Object(string name)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return (EditJson?)null;
        }

        return value.ValueKind == JsonValueKind.Object ? new EditJson(value, PathOf(name)) : Error.Validation($"'{PathOf(name)}' must be an object.");
    }

    private static string Show(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
