using System.Text.Json;

namespace Tessera.Vision.Http;

/// <summary>
/// What the HTTP engines ask a chat model for, and reading its answer: a JSON object
/// <c>{"labels":[{"label":"sunset","score":0.92}, ...]}</c> (a list of plain strings is taken too, each scored 1).
/// Models sometimes wrap JSON in a Markdown fence; that is unwrapped. Anything else is <c>vision_bad_answer</c>.
/// </summary>
internal static class VisionAnswer
{
    public const string Instruction =
        "Name the main things this image shows, as short lowercase English nouns (one or two words each), most prominent first, " +
        "at most 10. Answer with only this JSON object: {\"labels\":[{\"label\":\"<noun>\",\"score\":<confidence 0 to 1>}]}";

    private const int MaxLabels = 50;
    private const int MaxLabelLength = 64;

    public static IReadOnlyList<VisionLabel> Parse(string engine, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw Bad(engine, "an empty answer");
        }

        var json = Unfence(text.Trim());
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(json);
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new VisionException(VisionException.BadAnswerCode, $"{engine} answered text that is not JSON: {Truncate(text)}", transient: false, e);
        }

        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("labels", out var labels) || labels.ValueKind != JsonValueKind.Array)
        {
            throw Bad(engine, $"JSON without a labels array: {Truncate(json)}");
        }

        var list = new List<VisionLabel>();
        foreach (var item in labels.EnumerateArray().Take(MaxLabels))
        {
            var (label, score) = item.ValueKind switch
            {
                JsonValueKind.String => (item.GetString(), 1.0),
                JsonValueKind.Object when item.TryGetProperty("label", out var l) && l.ValueKind == JsonValueKind.String =>
                    (l.GetString(), item.TryGetProperty("score", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetDouble() : 1.0),
                _ => throw Bad(engine, $"a label that is neither a string nor {{label, score}}: {Truncate(item.GetRawText())}"),
            };
            label = label?.Trim().ToLowerInvariant();
            if (string.IsNullOrEmpty(label) || label.Length > MaxLabelLength || double.IsNaN(score))
            {
                continue;
            }

            list.Add(new VisionLabel(label, Math.Clamp(score, 0, 1)));
        }

        return [.. list.OrderByDescending(label => label.Score)];
    }

    private static string Unfence(string text)
    {
        if (!text.StartsWith("```", StringComparison.Ordinal))
        {
            return text;
        }

        var start = text.IndexOf('\n', StringComparison.Ordinal);
        var end = text.LastIndexOf("```", StringComparison.Ordinal);
        return start >= 0 && end > start ? text[(start + 1)..end].Trim() : text;
    }

    private static VisionException Bad(string engine, string what) =>
        new(VisionException.BadAnswerCode, $"{engine} answered {what}", transient: false);

    private static string Truncate(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
