using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Tessera.Jobs;
using Tessera.Media;

namespace Tessera.Generation;

/// <summary>
/// The <c>generate</c> job kind: runs <see cref="ImageGenerator"/> on the stored <see cref="GenerateJobInput"/> and keeps
/// each image in the owner's library (group <see cref="GenerationOptions.LibraryGroup"/>, tagged <c>generated</c> and the
/// provider's name). The metadata follows the Ocean job route's convention — <c>asset_ids</c>, <c>failures</c> — plus
/// <c>provider</c> and <c>images</c> [{index, title, provider, media_id}]. A generation that fails, or whose images
/// could none be stored (a full library), fails the job for good.
/// </summary>
internal sealed class GenerateJobHandler(
    ImageGenerator generator, StylePresets styles, CallerKeys keys, GeneratedImageStore store, ILogger<GenerateJobHandler> logger)
    : IJobHandler
{
    public const string JobKind = "generate";

    public string Kind => JobKind;

    public async Task<JobResult> RunAsync(Job job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var input = job.Input.Deserialize<GenerateJobInput>() ?? throw new JobFailure("invalid_input", "The generation's input is missing.", transient: false);
        var key = keys.Take(input.KeyRef);
        var style = styles.Resolve(input.Style);
        if (!style.IsSuccess)
        {
            throw new JobFailure(style.Error.Code, style.Error.Message, transient: false);
        }

        Orientations.TryParse(input.Orientation, out var orientation);
        var made = await generator.GenerateAsync(new GenerationRequest(input.Prompt, style.Value, orientation, input.Count, key), cancellationToken);
        if (!made.IsSuccess)
        {
            throw new JobFailure(made.Error.Code, made.Error.Message, transient: false);
        }

        var assetIds = new JsonArray();
        var images = new JsonArray();
        var failures = new JsonArray();
        foreach (var (image, asset, error) in await store.KeepAsync(job.AccountId, input.Prompt, made.Value, cancellationToken))
        {
            if (asset is not null)
            {
                assetIds.Add(asset.Id);
                images.Add(new JsonObject { ["index"] = image.Index, ["title"] = image.Title, ["provider"] = image.Provider, ["media_id"] = asset.Id });
            }
            else
            {
                Log.ImageNotStored(logger, job.Id, image.Index, error!.Code);
                failures.Add(new JsonObject { ["media_id"] = null, ["error"] = $"Image {image.Index + 1}: {error.Message}", ["code"] = error.Code });
            }
        }

        if (assetIds.Count == 0)
        {
            var first = failures.OfType<JsonObject>().FirstOrDefault();
            throw new JobFailure(first?["code"]?.GetValue<string>() ?? "not_stored", first?["error"]?.GetValue<string>() ?? "No image could be stored.", transient: false);
        }

        return new JobResult([], new JsonObject
        {
            ["provider"] = made.Value.Provider,
            ["prompt"] = input.Prompt,
            ["style"] = input.Style,
            ["orientation"] = input.Orientation,
            ["asset_ids"] = assetIds,
            ["images"] = images,
            ["failures"] = failures,
        });
    }
}
