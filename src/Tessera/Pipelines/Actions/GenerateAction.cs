using System.Text.Json.Nodes;
using Tessera.Accounts;
using Tessera.Common;
using Tessera.Generation;

namespace Tessera.Pipelines.Actions;

/// <summary>
/// <c>generate</c>: <c>POST /api/generate</c>'s generation (providers in the configured order, the same prompt, style and
/// orientation rules), with the images kept in the caller's library so later steps pass them on by URL or id.
/// </summary>
public sealed class GenerateAction(GenerationRequests requests, ImageGenerator generator, GeneratedImageStore store) : IPipelineAction
{
    public PipelineActionDefinition Definition { get; } = new(
        "generate", "Generate images from a prompt (as POST /api/generate) and keep them in your library.", Scopes.Generate,
        [
            new PipelineParam("prompt", PipelineParamType.String, "What to generate; a list of words (e.g. $vision.top_labels) is joined with spaces.", Required: true),
            new PipelineParam("style", PipelineParamType.String, "A style preset (see POST /api/generate); default professional."),
            new PipelineParam("orientation", PipelineParamType.String, "Image shape.", Default: "landscape", Choices: ["landscape", "portrait", "square"]),
            new PipelineParam("count", PipelineParamType.Integer, "Images to make.", Default: 1, Minimum: GenerationRequests.MinCount, Maximum: GenerationRequests.MaxCount),
        ],
        [
            new PipelineOutput("count", "integer", "Images kept."),
            new PipelineOutput("provider", "string", "The provider that made them."),
            new PipelineOutput("images", "array", "[{index, title, provider, media_id, url}]"),
            new PipelineOutput("urls", "url[]", "The images' library URLs."),
            new PipelineOutput("media_ids", "integer[]", "The images' library ids."),
        ]);

    public async Task<Result<JsonObject>> RunAsync(PipelineCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var request = requests.Create(call.String("prompt"), call.String("style"), call.String("orientation"), call.Int("count", 1), geminiKey: null);
        if (!request.IsSuccess)
        {
            return request.Error;
        }

        var made = await generator.GenerateAsync(request.Value, cancellationToken);
        if (!made.IsSuccess)
        {
            return made.Error;
        }

        var images = new JsonArray();
        Error? firstFailure = null;
        foreach (var (image, asset, error) in await store.KeepAsync(call.AccountId, request.Value.Prompt, made.Value, cancellationToken))
        {
            if (asset is null)
            {
                firstFailure ??= error;
                continue;
            }

            images.Add(new JsonObject
            {
                ["index"] = image.Index,
                ["title"] = image.Title,
                ["provider"] = image.Provider,
                ["media_id"] = asset.Id,
                ["url"] = call.AssetUrl(asset),
            });
        }

        if (images.Count == 0 && firstFailure is not null)
        {
            return firstFailure;
        }

        return new JsonObject
        {
            ["count"] = images.Count,
            ["provider"] = made.Value.Provider,
            ["urls"] = new JsonArray([.. images.Select(image => image!["url"]!.DeepClone())]),
            ["media_ids"] = new JsonArray([.. images.Select(image => image!["media_id"]!.DeepClone())]),
            ["images"] = images,
        };
    }
}
