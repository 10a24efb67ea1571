using System.Globalization;
using System.Text.Json.Nodes;
using Tessera.Accounts;
using Tessera.Common;
using Tessera.Media;
using Tessera.Vision;

namespace Tessera.Pipelines.Actions;

/// <summary>
/// <c>analyze</c>: what images show, by the Vision module's engines (the local COCO detector by default): each image's
/// labels and, over all of them, the labels seen most (<c>top_labels</c>) and a <c>summary</c> of them ("Person Dog
/// Frisbee") that a search or generate step can take as its words.
/// </summary>
public sealed class AnalyzeAction(VisionService vision, MediaFetcher fetcher, MediaStore media, MediaFileReader files) : IPipelineAction
{
    public const int MaxImages = 10;
    private const int TopLabels = 5;

    public PipelineActionDefinition Definition { get; } = new(
        "analyze", "Label what images show (objects, people, animals — the vision engine's classes): URLs or library ids.", Scopes.Media,
        [
            new PipelineParam("urls", PipelineParamType.UrlList, "Images to label, by URL (e.g. $scrape.urls)."),
            new PipelineParam("media_ids", PipelineParamType.IntegerList, "Images of your library to label, by id."),
            new PipelineParam("max_images", PipelineParamType.Integer, "Images to label at most (the first ones).", Default: 3, Minimum: 1, Maximum: MaxImages),
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
        var urls = call.Strings("urls");
        var ids = call.Longs("media_ids");
        if (urls.Count == 0 && ids.Count == 0)
        {
            return Error.Validation("Give 'urls' or 'media_ids': the images to label.");
        }

        var budget = call.Int("max_images", 3);
        var images = new JsonArray();
        var seen = new Dictionary<string, (int Count, double Score)>(StringComparer.OrdinalIgnoreCase);
        string? engine = null;
        foreach (var asset in await media.GetManyAsync(call.AccountId, [.. ids.Take(budget)], cancellationToken))
        {
            if ((asset.Kind == "image" ? await files.ReadAsync(asset, cancellationToken) : null) is not { } bytes)
            {
                continue;
            }

            var labelled = await LabelAsync(bytes, new JsonObject { ["media_id"] = asset.Id }, images, seen, cancellationToken);
            if (!labelled.IsSuccess)
            {
                return labelled.Error;
            }

            engine = labelled.Value;
        }

        foreach (var url in urls.Take(budget - images.Count))
        {
            var fetched = await fetcher.FetchAsync(url, cancellationToken);
            if (!fetched.IsSuccess)
            {
                return fetched.Error with { Message = $"{url}: {fetched.Error.Message}" };
            }

            var labelled = await LabelAsync(fetched.Value.Body, new JsonObject { ["url"] = url }, images, seen, cancellationToken);
            if (!labelled.IsSuccess)
            {
                return labelled.Error;
            }

            engine = labelled.Value;
        }

        var top = seen.OrderByDescending(pair => pair.Value.Count).ThenByDescending(pair => pair.Value.Score).Take(TopLabels).Select(pair => pair.Key).ToList();
        return new JsonObject
        {
            ["count"] = images.Count,
            ["summary"] = string.Join(' ', top.Select(label => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(label))),
            ["top_labels"] = new JsonArray([.. top.Select(label => (JsonNode)label)]),
            ["images"] = images,
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
