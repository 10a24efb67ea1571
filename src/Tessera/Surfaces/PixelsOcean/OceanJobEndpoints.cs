using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Tessera.Http;
using Tessera.Jobs;
using Tessera.Media;
using Tessera.Surfaces.Discovery;

namespace Tessera.Surfaces.PixelsOcean;

/// <summary>
/// <c>GET /api/jobs/{job_id}</c> (seed: "Poll until status = completed") for every Ocean job kind: the queue's status in
/// the doc's words (queued, processing, completed, failed) and the library assets the job made. A kind lists its assets
/// by putting their ids in its metadata's <c>asset_ids</c> and the items it could not do in <c>failures</c>
/// (<c>batch_edit</c> and <c>scrape</c> do; a scrape also records each file's source URL and label in <c>assets</c>). Another account's job id is a 404.
/// </summary>
public static class OceanJobEndpoints
{
    public static RouteGroupBuilder MapOceanJobs(this RouteGroupBuilder jobs)
    {
        jobs.MapGet("/{id:long}", GetAsync)
            .Documented(PixelsOceanSurface.Sections.Jobs, "Get job status",
                "Any job of yours (a scrape, a Live Editor batch, a queued generation): `status` queued | processing | completed | failed; `assets` {count, items: [{id, filename, url, type, size, ai_label, download_url}]} the job stored in your library (`url` is the source for a scrape, `download_url` the signed library file); `failures` [{media_id, error}] for items it could not do; a generation also has `provider` and `images` [{index, title, provider, media_id, url}]. Poll every 2–5 seconds.",
                response: """{"success":true,"status":"completed","job_id":1024,"kind":"batch_edit","assets":{"count":1,"items":[{"id":501,"filename":"photo-edited.jpg","url":"https://host/ocean/m/501/.../photo-edited.jpg","type":"image","size":1048576,"download_url":"https://host/ocean/m/501/.../photo-edited.jpg"}]},"failures":[]}""");
        return jobs;
    }

    /// <summary>An asset a job made: <c>url</c> is where it came from for a scrape (the site's file), else its library URL;
    /// <c>download_url</c> is always the library's signed file URL (no key needed).</summary>
    public sealed record JobAssetView(
        long Id, string Filename, string Url, string Type, long Size, [property: JsonPropertyName("ai_label")] string? AiLabel,
        [property: JsonPropertyName("download_url")] string DownloadUrl);

    public sealed record JobAssets(int Count, IReadOnlyList<JobAssetView> Items);

    public sealed record JobFailureView([property: JsonPropertyName("media_id")] long? MediaId, string Error);

    public sealed record JobResponse(
        bool Success, string Status, [property: JsonPropertyName("job_id")] long JobId, string Kind, JobAssets Assets, IReadOnlyList<JobFailureView> Failures,
        string? Error, [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt, [property: JsonPropertyName("completed_at")] DateTimeOffset? CompletedAt,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Provider = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<JobImageView>? Images = null);

    /// <summary>A generated image of a <c>generate</c> job: its title and provider as <c>/api/generate</c> shows them, the
    /// library asset it was kept as, and that asset's signed file URL.</summary>
    public sealed record JobImageView(int Index, string Title, string Provider, [property: JsonPropertyName("media_id")] long MediaId, string Url);

    private static async Task<IResult> GetAsync(long id, HttpContext context, JobNumbers numbers, JobService jobs, MediaStore media, CancellationToken ct)
    {
        var account = OceanAccount.Of(context);
        if (await numbers.FindAsync(account, id, ct) is not { } jobId)
        {
            return new ErrorResult(Common.Error.NotFound($"Job {id} not found."));
        }

        var found = await jobs.GetAsync(account, jobId, ct);
        if (!found.IsSuccess)
        {
            return new ErrorResult(found.Error with { Message = found.Error.Message.Replace(jobId, id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal) });
        }

        var job = found.Value;
        var assetIds = Longs(job.Metadata?["asset_ids"]);
        // A scrape records each file's source and label next to its id (ScrapeOutcome.assets).
        var sources = (job.Metadata?["assets"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(item => item["id"] is not null)
            .GroupBy(item => item["id"]!.GetValue<long>())
            .ToDictionary(group => group.Key, group => (Url: group.First()["url"]?.GetValue<string>(), Label: group.First()["ai_label"]?.GetValue<string>()));
        var assets = (await media.GetManyAsync(account, assetIds, ct)).Where(asset => !asset.Trashed).OrderBy(asset => asset.Id)
            .Select(asset =>
            {
                var url = OceanMediaFiles.UrlOf(context, asset);
                var source = sources.GetValueOrDefault(asset.Id);
                return new JobAssetView(asset.Id, asset.FileName, source.Url ?? url, asset.Kind, asset.Size, source.Label, url);
            }).ToList();
        var failures = (job.Metadata?["failures"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(failure => new JobFailureView(failure["media_id"]?.GetValue<long>(), failure["error"]?.GetValue<string>() ?? "failed")).ToList();
        return TypedResults.Ok(new JobResponse(true, StatusOf(job.Status), id, job.Kind, new JobAssets(assets.Count, assets), failures,
            job.ErrorMessage, job.CreatedAt, job.CompletedAt, job.Metadata?["provider"]?.GetValue<string>(), Images(job.Metadata, assets)));
    }

    /// <summary>The queue's statuses in the doc's four words: a cancelled job is failed.</summary>
    internal static string StatusOf(string status) => status switch
    {
        JobStatus.Queued => "queued",
        JobStatus.Running => "processing",
        JobStatus.Succeeded => "completed",
        _ => "failed",
    };

    /// <summary>A generation's <c>images</c> (<c>GenerateJobHandler</c>'s metadata) whose asset is still in the library; null for other kinds.</summary>
    private static List<JobImageView>? Images(JsonObject? metadata, IReadOnlyList<JobAssetView> assets) =>
        metadata?["images"] is JsonArray images
            ? [.. images.OfType<JsonObject>()
                .Select(image => (Image: image, Asset: assets.FirstOrDefault(asset => asset.Id == image["media_id"]?.GetValue<long>())))
                .Where(pair => pair.Asset is not null)
                .Select(pair => new JobImageView(pair.Image["index"]?.GetValue<int>() ?? 0, pair.Image["title"]?.GetValue<string>() ?? "",
                    pair.Image["provider"]?.GetValue<string>() ?? "", pair.Asset!.Id, pair.Asset.DownloadUrl))]
            : null;

    private static List<long> Longs(JsonNode? node) =>
        node is JsonArray array ? [.. array.Select(item => item?.GetValue<long>() ?? 0).Where(value => value > 0)] : [];
}
