using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tessera.Pipelines;

/// <summary>
/// One param of a pipeline action: its type, whether it is required, its default and bounds. The same definition checks
/// a request's literal values before anything runs, checks the values references bring at run time, and is what
/// <c>GET /api/pipeline/actions</c> lists, so the documentation cannot drift from the check.
/// </summary>
public sealed record PipelineParam(
    string Name, PipelineParamType Type, string Description, bool Required = false, JsonNode? Default = null,
    double? Minimum = null, double? Maximum = null, IReadOnlyList<string>? Choices = null)
{
    public const int MaxStringLength = 2_000;
    public const int MaxUrlLength = 2_048;
    public const int MaxListItems = 1_000;

    /// <summary>
    /// The value as the action reads it, or why it cannot be: a string param takes a number or boolean as text and a
    /// list of words joined by spaces (<c>"$vision.top_labels"</c> as a search query); a URL list takes one URL, URLs, or
    /// objects with a <c>url</c> (<c>"$search.images"</c>); an integer list takes ids or objects with an <c>id</c>.
    /// </summary>
    public (JsonNode? Value, string? Problem) Coerce(JsonNode? value)
    {
        if (value is null)
        {
            return (null, Required ? "is required" : null);
        }

        return Type switch
        {
            PipelineParamType.String => Text(value),
            PipelineParamType.Url => Url(value),
            PipelineParamType.Integer => Integer(value),
            PipelineParamType.Number => Number(value),
            PipelineParamType.Boolean => value.GetValueKind() is JsonValueKind.True or JsonValueKind.False
                ? (JsonValue.Create(value.GetValue<bool>()), null) : (null, "must be true or false"),
            PipelineParamType.UrlList => UrlList(value),
            PipelineParamType.IntegerList => IntegerList(value),
            PipelineParamType.List => value is JsonArray array
                ? array.Count <= MaxListItems ? (array.DeepClone(), null) : (null, $"must have at most {MaxListItems} items")
                : (null, "must be an array"),
            _ => value.GetValueKind() is JsonValueKind.Object or JsonValueKind.Array ? (null, "must be a string, number or boolean") : (value.DeepClone(), null),
        };
    }

    private (JsonNode?, string?) Text(JsonNode value)
    {
        string? text = value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.Number => value.ToJsonString(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Array when value.AsArray().All(item => item?.GetValueKind() is JsonValueKind.String or JsonValueKind.Number) =>
                string.Join(' ', value.AsArray().Select(item => item!.GetValueKind() == JsonValueKind.String ? item.GetValue<string>() : item.ToJsonString())),
            _ => null,
        };
        if (text is null)
        {
            return (null, "must be a string");
        }

        if (text.Length > MaxStringLength)
        {
            return (null, $"must be at most {MaxStringLength} characters");
        }

        if (Choices is { Count: > 0 } && !Choices.Contains(text, StringComparer.Ordinal))
        {
            return (null, "must be one of " + string.Join(", ", Choices));
        }

        return (JsonValue.Create(text), null);
    }

    private static (JsonNode?, string?) Url(JsonNode value) =>
        UrlOf(value) is { } url ? (JsonValue.Create(url), null) : (null, $"must be an absolute http(s) URL of at most {MaxUrlLength} characters");

    private static string? UrlOf(JsonNode? value)
    {
        var text = value?.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.Object => value["url"] is { } inner && inner.GetValueKind() == JsonValueKind.String ? inner.GetValue<string>() : null,
            _ => null,
        };
        return text is { Length: > 0 and <= MaxUrlLength } && Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri)
               && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri.AbsoluteUri : null;
    }

    private (JsonNode?, string?) Integer(JsonNode value)
    {
        if (value.GetValueKind() != JsonValueKind.Number || !decimal.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            || number != decimal.Truncate(number) || number is < long.MinValue or > long.MaxValue)
        {
            return (null, "must be a whole number");
        }

        return InRange((double)number) ?? (JsonValue.Create((long)number), null);
    }

    private (JsonNode?, string?) Number(JsonNode value)
    {
        if (value.GetValueKind() != JsonValueKind.Number || !double.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            || !double.IsFinite(number))
        {
            return (null, "must be a number");
        }

        return InRange(number) ?? (JsonValue.Create(number), null);
    }

    private (JsonNode?, string?)? InRange(double number) =>
        (Minimum is { } min && number < min) || (Maximum is { } max && number > max)
            ? (null, $"must be between {Minimum?.ToString(CultureInfo.InvariantCulture) ?? "-∞"} and {Maximum?.ToString(CultureInfo.InvariantCulture) ?? "∞"}")
            : null;

    private (JsonNode?, string?) UrlList(JsonNode value)
    {
        var items = value as JsonArray ?? [value.DeepClone()];
        if (items.Count > (Maximum ?? MaxListItems))
        {
            return (null, $"must have at most {Maximum ?? MaxListItems} items");
        }

        var urls = new JsonArray();
        foreach (var item in items)
        {
            if (UrlOf(item) is not { } url)
            {
                return (null, "must be URLs (or objects with a 'url')");
            }

            urls.Add(url);
        }

        return (urls, null);
    }

    private (JsonNode?, string?) IntegerList(JsonNode value)
    {
        var items = value as JsonArray ?? [value.DeepClone()];
        if (items.Count > (Maximum ?? MaxListItems))
        {
            return (null, $"must have at most {Maximum ?? MaxListItems} items");
        }

        var ids = new JsonArray();
        foreach (var item in items)
        {
            var node = item?.GetValueKind() == JsonValueKind.Object ? item["id"] : item;
            if (node?.GetValueKind() != JsonValueKind.Number || !long.TryParse(node.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id))
            {
                return (null, "must be whole numbers (or objects with an 'id')");
            }

            ids.Add(id);
        }

        return (ids, null);
    }
}
