using System.Globalization;
using System.Text.Json.Nodes;

namespace Tessera.Pipelines;

/// <summary>
/// <c>$step.field</c>, <c>$step.field.inner</c>, <c>$step.items[0].url</c> or <c>$step.items.0.url</c>: a value a
/// param takes from an earlier step's output. A name applied to an array takes that field from each item
/// (<c>$search.images.url</c> is every image's URL); an index picks one item. A literal string that starts with
/// <c>$</c> is written <c>$$...</c>.
/// </summary>
public sealed record PipelineReference(string Step, IReadOnlyList<string> Path, string Text)
{
    private const int MaxSegments = 16;

    /// <summary>The reference <paramref name="value"/> holds; null when it is a literal (not a string starting with a single <c>$</c>).</summary>
    public static PipelineReference? Of(JsonNode? value, out string? problem)
    {
        problem = null;
        if (value is not JsonValue scalar || !scalar.TryGetValue<string>(out var text) || !text.StartsWith('$') || text.StartsWith("$$", StringComparison.Ordinal))
        {
            return null;
        }

        var segments = text[1..].Replace("[", ".", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal).Split('.');
        if (segments.Length is < 2 or > MaxSegments || segments.Any(segment => !PipelinePlan.IsName(segment)))
        {
            problem = $"'{Shorten(text)}' is not a reference: write $step.field (then .field or [index] to go inside)";
            return null;
        }

        return new PipelineReference(segments[0], segments[1..], text);
    }

    /// <summary>A literal's value: <c>$$x</c> is the text <c>$x</c>.</summary>
    public static JsonNode? Literal(JsonNode? value) =>
        value is JsonValue scalar && scalar.TryGetValue<string>(out var text) && text.StartsWith("$$", StringComparison.Ordinal)
            ? JsonValue.Create(text[1..]) : value?.DeepClone();

    /// <summary>The value in <paramref name="output"/> this reference names (a copy), or null when there is none.</summary>
    public JsonNode? Resolve(JsonObject output)
    {
        JsonNode? node = output;
        foreach (var segment in Path)
        {
            node = node switch
            {
                JsonArray array when int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index) =>
                    index < array.Count ? array[index] : null,
                JsonArray array => new JsonArray([.. array.OfType<JsonObject>().Select(item => item[segment]?.DeepClone()).Where(item => item is not null)]),
                JsonObject json => json[segment],
                _ => null,
            };
            if (node is null)
            {
                return null;
            }
        }

        return node.DeepClone();
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
