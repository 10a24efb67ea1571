using System.Text.Json.Nodes;
using Tessera.Common;
using Tessera.Media;

namespace Tessera.Pipelines.Actions;

/// <summary>One image a step works on: its entry in the step's output (<c>{url}</c> or <c>{media_id}</c>), the library
/// asset when it is one, and its bytes (null when the step said it needs none for that asset).</summary>
public sealed record StepImage(JsonObject Entry, MediaAsset? Asset, byte[]? Bytes);

/// <summary>
/// The images a step names by <c>urls</c> (fetched through the SSRF-safe client) or library <c>media_ids</c> (the
/// caller's own only; another account's id is passed over, as if it were not there), at most <c>max_images</c>, library
/// items first. The params are declared here once for every action that reads images (ocr, analyze).
/// </summary>
public sealed class StepImages(MediaFetcher fetcher, MediaStore media, MediaFileReader files)
{
    public static PipelineParam Urls(string verb) => new("urls", PipelineParamType.UrlList, $"Images to {verb}, by URL (or objects with a 'url', e.g. $scrape.files).");

    public static PipelineParam MediaIds(string verb) => new("media_ids", PipelineParamType.IntegerList, $"Images of your library to {verb}, by id (e.g. $search.ids).");

    public static PipelineParam MaxImages(string verb, int fallback, int max) =>
        new("max_images", PipelineParamType.Integer, $"Images to {verb} at most (the first ones).", Default: fallback, Minimum: 1, Maximum: max);

    /// <param name="needsBytes">False for a library asset whose stored analysis already answers (its bytes are not read).</param>
    public async Task<Result<List<StepImage>>> ReadAsync(PipelineCall call, string verb, int fallback, Func<MediaAsset, bool> needsBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(needsBytes);
        var urls = call.Strings("urls");
        var ids = call.Longs("media_ids");
        if (urls.Count == 0 && ids.Count == 0)
        {
            return Error.Validation($"Give 'urls' or 'media_ids': the images to {verb}.");
        }

        var budget = call.Int("max_images", fallback);
        var images = new List<StepImage>();
        foreach (var asset in await media.GetManyAsync(call.AccountId, [.. ids.Take(budget)], cancellationToken))
        {
            var bytes = asset.Kind == "image" && needsBytes(asset) ? await files.ReadAsync(asset, cancellationToken) : null;
            images.Add(new StepImage(new JsonObject { ["media_id"] = asset.Id }, asset, bytes));
        }

        foreach (var url in urls.Take(budget - images.Count))
        {
            var fetched = await fetcher.FetchAsync(url, cancellationToken);
            if (!fetched.IsSuccess)
            {
                return fetched.Error with { Message = $"{url}: {fetched.Error.Message}" };
            }

            images.Add(new StepImage(new JsonObject { ["url"] = url }, null, fetched.Value.Body));
        }

        return images;
    }
}
