using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Tessera.Engines.Providers;

/// <summary>
/// Fills a ComfyUI workflow template (API-format JSON). A placeholder is <c>{{name}}</c> or <c>{{name|default}}</c> inside
/// any string value. A string that is exactly one placeholder becomes the value with its JSON type
/// (<c>"seed": "{{seed}}"</c> → <c>"seed": 42</c>); a placeholder inside longer text is replaced by text.
/// Names: every top-level input field (<c>prompt</c>, <c>aspect_ratio</c> ...), and <c>seed</c>, <c>width</c>,
/// <c>height</c>, <c>num_outputs</c>, which always have a value (seed from the job id when the input has none;
/// size from width/height or the aspect ratio at about 1024×1024). A placeholder with no value and no default fails
/// the attempt (not transient).
/// </summary>
internal static partial class ComfyWorkflowTemplate
{
    public static JsonNode Fill(string template, EngineRequest request, string engine)
    {
        JsonNode root;
        try
        {
            root = JsonNode.Parse(template) ?? throw new JsonException("the template is null");
        }
        catch (JsonException e)
        {
            throw new EngineException("provider_error", $"{engine}: the workflow template of model '{request.Model.Id}' is not JSON: {e.Message}", transient: false, e);
        }

        var values = Values(request);
        return Replace(root, values, engine)!;
    }

    private static Dictionary<string, JsonNode?> Values(EngineRequest request)
    {
        var values = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        if (request.Input.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in request.Input.EnumerateObject())
            {
                values[property.Name] = JsonNode.Parse(property.Value.GetRawText());
            }
        }

        var (width, height) = ProviderInput.Dimensions(request.Input);
        values["width"] = width;
        values["height"] = height;
        values["num_outputs"] = ProviderInput.Outputs(request.Input);
        values["seed"] = ProviderInput.Int(request.Input, "seed") ?? SeedFrom(request.JobId);
        return values;
    }

    /// <summary>A stable seed per job (FNV-1a of the id), so a retried attempt draws the same picture.</summary>
    private static int SeedFrom(string jobId)
    {
        var hash = 2166136261u;
        foreach (var c in jobId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash & int.MaxValue);
    }

    private static JsonNode? Replace(JsonNode? node, Dictionary<string, JsonNode?> values, string engine)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj.ToList())
                {
                    if (Replace(child, values, engine) is var replaced && !ReferenceEquals(replaced, child))
                    {
                        obj[key] = replaced;
                    }
                }

                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (Replace(array[i], values, engine) is var replaced && !ReferenceEquals(replaced, array[i]))
                    {
                        array[i] = replaced;
                    }
                }

                return array;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                return ReplaceInString(value.GetValue<string>(), values, engine) ?? value;
            default:
                return node;
        }
    }

    /// <summary>Null when <paramref name="text"/> holds no placeholder (the node is kept as it is).</summary>
    private static JsonNode? ReplaceInString(string text, Dictionary<string, JsonNode?> values, string engine)
    {
        var whole = Placeholder().Match(text);
        if (!whole.Success)
        {
            return null;
        }

        if (whole.Index == 0 && whole.Length == text.Length)
        {
            return Lookup(whole, values, engine)?.DeepClone();
        }

        return JsonValue.Create(Placeholder().Replace(text, match => Lookup(match, values, engine) switch
        {
            null => "",
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            var other => other.ToJsonString(),
        }));
    }

    private static JsonNode? Lookup(Match match, Dictionary<string, JsonNode?> values, string engine)
    {
        var name = match.Groups["name"].Value;
        if (values.TryGetValue(name, out var value))
        {
            return value;
        }

        if (match.Groups["default"].Success)
        {
            var text = match.Groups["default"].Value;
            return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                ? JsonValue.Create(number)
                : JsonValue.Create(text);
        }

        throw new EngineException("provider_error", $"{engine}: workflow placeholder {{{{{name}}}}} has no value in the input and no default", transient: false);
    }

    [GeneratedRegex(@"\{\{\s*(?<name>[A-Za-z0-9_.\-]+)\s*(?:\|(?<default>[^}]*))?\}\}")]
    private static partial Regex Placeholder();
}
