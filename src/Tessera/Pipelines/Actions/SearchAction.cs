using System.Text.Json.Nodes;
using Tessera.Accounts;
using Tessera.Common;
using Tessera.Media;

namespace Tessera.Pipelines.Actions;

/// <summary>
/// <c>search</c>: the media library's search (full text over names, tags, OCR text and labels; tag, type, colour),
/// ranked as <c>GET /api/media/search</c> ranks it. The community library joins as a <c>source</c> when it exists.
/// </summary>
public sealed class SearchAction(MediaLibrary library) : IPipelineAction
{
    public const int MaxLimit = 50;

    public PipelineActionDefinition Definition { get; } = new(
        "search", "Search your media library: words (name, tags, OCR text, labels), tag, type, colour.", Scopes.Search,
        [
            new PipelineParam("query", PipelineParamType.String, "Words to find; a list of words (e.g. $vision.top_labels) is joined with spaces."),
            new PipelineParam("tag", PipelineParamType.String, "Only items with this tag."),
            new PipelineParam("type", PipelineParamType.String, "Only this kind of file.", Choices: ["image", "video", "document"]),
            new PipelineParam("color", PipelineParamType.String, "Nearest dominant colour, #rrggbb."),
            new PipelineParam("limit", PipelineParamType.Integer, "Items to return.", Default: 10, Minimum: 1, Maximum: MaxLimit),
        ],
        [
            new PipelineOutput("count", "integer", "Items returned."),
            new PipelineOutput("total", "integer", "Items matching."),
            new PipelineOutput("images", "array", "[{id, name, filename, url, type, size, width, height, group, tags, colors, phash}]"),
            new PipelineOutput("urls", "url[]", "The items' library URLs."),
            new PipelineOutput("ids", "integer[]", "The items' library ids."),
        ]);

    public async Task<Result<JsonObject>> RunAsync(PipelineCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var found = await library.QueryAsync(
            call.AccountId, new MediaQuery(Text: call.String("query"), Tag: call.String("tag"), Kind: call.String("type"), Limit: call.Int("limit", 10), Color: call.String("color")),
            cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var items = found.Value.Items.Select(asset => AssetJson.Of(asset, call.AssetUrl(asset))).ToList();
        return new JsonObject
        {
            ["count"] = items.Count,
            ["total"] = found.Value.Total,
            ["images"] = new JsonArray([.. items]),
            ["urls"] = new JsonArray([.. items.Select(item => item["url"]!.DeepClone())]),
            ["ids"] = new JsonArray([.. items.Select(item => item["id"]!.DeepClone())]),
        };
    }
}
