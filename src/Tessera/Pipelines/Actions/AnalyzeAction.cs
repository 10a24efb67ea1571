using System.Globalization;
using System.Text.Json.Nodes;
using Tessera.Accounts;
using Tessera.Common;
using Tessera.Vision;

namespace Tessera.Pipelines.Actions;

/// <summary>
/// <c>analyze</c>: what images show, by the Vision module's engines (the local COCO detector by default): each image's
/// labels and, over all of them, the labels seen most (<c>top_labels</c>) and a <c>summary</c> of them ("Person Dog
/// Frisbee") that a search or generate step can take as its words.
/// </summary>
public sealed class AnalyzeAction(VisionService vision, StepImages images) : IPipelineAction
{
    public const int MaxImages = 10;
    private const int TopLabels = 5;

    public PipelineActionDefinition Definition { get; } = new(
        "analyze", "Label what images show (objects, people, animals — the vision engine's classes): URLs or library ids.", Scopes.Media,
        [
            StepImages.Urls("label"),
            StepImages.MediaIds("label"),
            StepImages.MaxImages("label", 3, MaxImages),
        ],
        [
            new PipelineOutput("count", "integer", "Images labelled."),
            new PipelineOutput("summary", "string", "The most seen labels, in Title Case, separated by spaces."),
            new PipelineOutput("top_labels", "string[]", "The most seen labels, most first."),
            new PipelineOutput("images", "array", "[{url | media_id, labels: [{label, score}]}]"),
            new PipelineOutput("engine", "string", "The engine that named them."),
        ]);

    public async Task<Result<JsonObject>> RunAsync(PipelineCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var read = await images.ReadAsync(call, "label", 3, _ => true, cancellationToken);
        if (!read.IsSuccess)
        {
            return read.Error;
        }

        var labelled = new JsonArray();
        var seen = new Dictionary<string, (int Count, double Score)>(StringComparer.OrdinalIgnoreCase);
        string? engine = null;
        foreach (var (entry, _, bytes) in read.Value.Where(image => image.Bytes is not null))
        {
            var named = await LabelAsync(bytes!, entry, labelled, seen, cancellationToken);
            if (!named.IsSuccess)
            {
                return named.Error;
            }

            engine = named.Value;
        }

        var top = seen.OrderByDescending(pair => pair.Value.Count).ThenByDescending(pair => pair.Value.Score).Take(TopLabels).Select(pair => pair.Key).ToList();
        return new JsonObject
        {
            ["count"] = labelled.Count,
            ["summary"] = string.Join(' ', top.Select(label => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(label))),
            ["top_labels"] = new JsonArray([.. top.Select(label => (JsonNode)label)]),
            ["images"] = labelled,
            ["engine"] = engine,
        };
    }

    /// <summary>Labels one image into <paramref name="images"/> and the tally; the engine's name, or why it could not.</summary>
    private async Task<Result<string>> LabelAsync(
        byte[] bytes, JsonObject entry, JsonArray images, Dictionary<string, (int Count, double Score)> seen, CancellationToken cancellationToken)
    {
        var labelled = await vision.LabelAsync(bytes, cancellationToken);
        if (!labelled.IsSuccess)
        {
            return labelled.Error;
        }

        var labels = new JsonArray();
        foreach (var label in labelled.Value.Labels)
        {
            labels.Add(new JsonObject { ["label"] = label.Label, ["score"] = Math.Round(label.Score, 3) });
            var (count, score) = seen.GetValueOrDefault(label.Label);
            seen[label.Label] = (count + 1, Math.Max(score, label.Score));
        }

        entry["labels"] = labels;
        images.Add(entry);
        return labelled.Value.Engine;
    }
}
