using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tessera.Accounts;
using Tessera.Common;

namespace Tessera.Pipelines.Actions;

/// <summary>
/// <c>filter</c>: keeps the items of a list (e.g. <c>$search.images</c>) whose <c>field</c> passes <c>op</c> against
/// <c>value</c>. Plain comparisons only (no patterns), so a filter costs a pass over at most 1,000 items.
/// </summary>
public sealed class FilterAction : IPipelineAction
{
    public static readonly IReadOnlyList<string> Operators = ["contains", "not_contains", "equals", "not_equals", "gt", "gte", "lt", "lte", "exists"];

    public PipelineActionDefinition Definition { get; } = new(
        "filter", "Keep the items of a list whose field passes a test (text and list tests ignore case).", Scopes.Search,
        [
            new PipelineParam("items", PipelineParamType.List, "The list to filter, e.g. $search.images.", Required: true),
            new PipelineParam("field", PipelineParamType.String, "The field of each item to test (dots go inside: 'meta.width'); none tests the item itself."),
            new PipelineParam("op", PipelineParamType.String, "The test; default contains when a value is given, else exists.", Choices: Operators),
            new PipelineParam("value", PipelineParamType.Any, "What the field is tested against."),
            new PipelineParam("limit", PipelineParamType.Integer, "Items to keep at most.", Default: PipelineParam.MaxListItems, Minimum: 1, Maximum: PipelineParam.MaxListItems),
        ],
        [
            new PipelineOutput("count", "integer", "Items kept."),
            new PipelineOutput("items", "array", "The items kept, unchanged, in their order."),
            new PipelineOutput("urls", "url[]", "The kept items' 'url' fields (or the items, when they are URLs)."),
        ]);

    public Task<Result<JsonObject>> RunAsync(PipelineCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var items = call["items"] as JsonArray ?? [];
        var value = call["value"];
        var op = call.String("op") ?? (value is null ? "exists" : "contains");
        if (op != "exists" && value is null)
        {
            return Task.FromResult<Result<JsonObject>>(Error.Validation($"Param 'value' is required for op '{op}'."));
        }

        var path = call.String("field") is { Length: > 0 } field ? field.Split('.') : [];
        var kept = items.Where(item => Passes(Field(item, path), op, value)).Take(call.Int("limit", PipelineParam.MaxListItems)).Select(item => item?.DeepClone()).ToList();
        var urls = kept.Select(item => item switch
        {
            JsonObject json when json["url"]?.GetValueKind() == JsonValueKind.String => json["url"]!.GetValue<string>(),
            JsonValue scalar when scalar.GetValueKind() == JsonValueKind.String && scalar.GetValue<string>().StartsWith("http", StringComparison.OrdinalIgnoreCase) => scalar.GetValue<string>(),
            _ => null,
        }).Where(url => url is not null).Select(url => (JsonNode)url!);
        return Task.FromResult<Result<JsonObject>>(new JsonObject
        {
            ["count"] = kept.Count,
            ["items"] = new JsonArray([.. kept]),
            ["urls"] = new JsonArray([.. urls]),
        });
    }

    private static JsonNode? Field(JsonNode? item, string[] path)
    {
        foreach (var segment in path)
        {
            item = item is JsonObject json ? json[segment] : null;
        }

        return item;
    }

    private static bool Passes(JsonNode? field, string op, JsonNode? value) => op switch
    {
        "exists" => field is not null && !(field is JsonValue text && text.GetValueKind() == JsonValueKind.String && text.GetValue<string>().Length == 0)
                    && !(field is JsonArray { Count: 0 }),
        "contains" => Contains(field, value),
        "not_contains" => !Contains(field, value),
        "equals" => Equal(field, value),
        "not_equals" => !Equal(field, value),
        _ => Number(field) is { } left && Number(value) is { } right && op switch
        {
            "gt" => left > right,
            "gte" => left >= right,
            "lt" => left < right,
            _ => left <= right,
        },
    };

    private static bool Contains(JsonNode? field, JsonNode? value)
    {
        var needle = Text(value);
        return needle is not null && field switch
        {
            JsonArray array => array.Any(item => string.Equals(Text(item), needle, StringComparison.OrdinalIgnoreCase)),
            _ => Text(field)?.Contains(needle, StringComparison.OrdinalIgnoreCase) == true,
        };
    }

    private static bool Equal(JsonNode? field, JsonNode? value) =>
        Number(field) is { } left && Number(value) is { } right ? left == right : string.Equals(Text(field), Text(value), StringComparison.OrdinalIgnoreCase) && field is not null;

    private static string? Text(JsonNode? node) => node switch
    {
        JsonValue scalar when scalar.GetValueKind() == JsonValueKind.String => scalar.GetValue<string>(),
        JsonValue scalar => scalar.ToJsonString(),
        _ => null,
    };

    private static double? Number(JsonNode? node) =>
        node is JsonValue scalar && scalar.GetValueKind() == JsonValueKind.Number
        && double.TryParse(scalar.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : null;
}
