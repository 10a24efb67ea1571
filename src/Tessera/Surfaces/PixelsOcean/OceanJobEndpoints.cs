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
                "Any job of yours (a scrape, a Live Editor batch, a queued generation): `status` queued | processing | completed | failed; `assets` {count, items: [{id, filename, url, type, size, ai_label, download_url}]} the job stored in your library (`url` is the source for a scrape, else the library file; `download_url` the job's signed `/files` link); `failures` [{media_id, error}] for items it could not do; a generation also has `provider` and `images` [{index, title, provider, media_id, url}]; `zip_url` (once finished) the signed link to all files as one ZIP. `download_url` and `zip_url` open without a key for a day. Poll every 2–5 seconds.",
                response: """{"success":true,"status":"completed","job_id":1024,"kind":"batch_edit","assets":{"count":1,"items":[{"id":501,"filename":"photo-edited.jpg","url":"https://host/ocean/m/501/.../photo-edited.jpg","type":"image","size":1048576,"download_url":"https://host/ocean/files/1024/photo-edited.jpg?expires=1798848000&signature=..."}]},"failures":[],"zip_url":"https://host/ocean/download/1024?expires=1798848000&signature=..."}""");
        return jobs;
    }

    /// <summary>An asset a job made: <c>url</c> is where it came from for a scrape (the site's file), else its library URL;
    /// <c>download_url</c> is the job's signed, expiring <c>/files/{job_id}/{filename}</c> link (no key needed).</summary>
    public sealed record JobAssetView(
        long Id, string Filename, string Url, string Type, long Size, [property: JsonPropertyName("ai_label")] string? AiLabel,
        [property: JsonPropertyName("download_url")] string DownloadUrl);

    public sealed record JobAssets(int Count, IReadOnlyList<JobAssetView> Items);

    public sealed record JobFailureView([property: JsonPropertyName("media_id")] long? MediaId, string Error);

    public sealed record JobResponse(
        bool Success, string Status, [property: JsonPropertyName("job_id")] long JobId, string Kind, JobAssets Assets, IReadOnlyList<JobFailureView> Failures,
        string? Error, [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt, [property: JsonPropertyName("completed_at")] DateTimeOffset? CompletedAt,
        [property: JsonPropertyName("zip_url")] string? ZipUrl,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Provider = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<JobImageView>? Images = null);

    /// <summary>A generated image of a <c>generate</c> job: its title and provider as <c>/api/generate</c> shows them, the
    /// library asset it was kept as, and that asset's signed file URL.</summary>
    public sealed record JobImageView(int Index, string Title, string Provider, [property: JsonPropertyName("media_id")] long MediaId, string Url);

    private static async Task<IResult> GetAsync(long id, HttpContext context, JobFiles jobFiles, CancellationToken ct)
    {
        var opened = await jobFiles.OpenAsync(OceanAccount.Of(context), id, ct);
        if (!opened.IsSuccess)
        {
            return new ErrorResult(opened.Error);
        }

        var job = opened.Value.Job;
        // A scrape records each file's source and label next to its id (ScrapeOutcome.assets).
        var sources = (job.Metadata?["assets"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(item => item["id"] is not null)
            .GroupBy(item => item["id"]!.GetValue<long>())
            .ToDictionary(group => group.Key, group => (Url: group.First()["url"]?.GetValue<string>(), Label: group.First()["ai_label"]?.GetValue<string>()));
        var assets = opened.Value.Files
            .Select(file =>
            {
                var source = sources.GetValueOrDefault(file.Asset.Id);
                return new JobAssetView(file.Asset.Id, file.Name, source.Url ?? OceanMediaFiles.UrlOf(context, file.Asset), file.Asset.Kind, file.Asset.Size,
                    source.Label, OceanDownloadEndpoints.FileUrlOf(context, id, file.Name));
            }).ToList();
        var failures = (job.Metadata?["failures"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(failure => new JobFailureView(failure["media_id"]?.GetValue<long>(), failure["error"]?.GetValue<string>() ?? "failed")).ToList();
        var zip = opened.Value.Finished && (job.Status == JobStatus.Succeeded || assets.Count > 0) ? OceanDownloadEndpoints.ZipUrlOf(context, id) : null;
        return TypedResults.Ok(new JobResponse(true, StatusOf(job.Status), id, job.Kind, new JobAssets(assets.Count, assets), failures,
            job.ErrorMessage, job.CreatedAt, job.CompletedAt, zip, job.Metadata?["provider"]?.GetValue<string>(), Images(job.Metadata, assets)));
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
}
