using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Tessera.Automation.Hooks;
using Tessera.Http;
using Tessera.Jobs;

namespace Tessera.Surfaces.PixelsOcean;

/// <summary>
/// Ocean jobs' ends as webhook events (<c>scrape.completed</c>, <c>scrape.failed</c>, <c>batch_edit.completed</c> ...):
/// the payload is <c>{event, job_id, kind, status, error, assets_count, created_at, completed_at, poll_url}</c>, with the
/// job's whole-number id and the doc's status words.
/// </summary>
public sealed class OceanJobEvents(JobNumbers numbers, SurfaceRegistry surfaces) : IJobEvents
{
    public string Surface => PixelsOceanSurface.Name;

    public string EventOf(Job job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return job.Kind + "." + (OceanJobEndpoints.StatusOf(job.Status) == "completed" ? "completed" : "failed");
    }

    public async Task<string> PayloadAsync(Job job, string eventName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var number = await numbers.NumberOfAsync(job.Id, cancellationToken);
        var pathBase = surfaces.Get(PixelsOceanSurface.Name).PathBase;
        var assets = job.Metadata?["asset_ids"] is JsonArray ids ? ids.Count : 0;
        return JsonSerializer.Serialize(new JobEventPayload(
            eventName, number, job.Kind, OceanJobEndpoints.StatusOf(job.Status), job.ErrorMessage, assets, job.CreatedAt, job.CompletedAt,
            number is { } n ? string.Create(CultureInfo.InvariantCulture, $"{pathBase}/api/jobs/{n}") : null));
    }

    public string TestPayload(DateTimeOffset now) =>
        JsonSerializer.Serialize(new TestEventPayload(JobEventNames.Test, "This is a test delivery from Pixels Ocean.", now));

    public sealed record JobEventPayload(
        [property: JsonPropertyName("event")] string Event, [property: JsonPropertyName("job_id")] long? JobId, [property: JsonPropertyName("kind")] string Kind,
        [property: JsonPropertyName("status")] string Status, [property: JsonPropertyName("error")] string? Error,
        [property: JsonPropertyName("assets_count")] int AssetsCount, [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
        [property: JsonPropertyName("completed_at")] DateTimeOffset? CompletedAt, [property: JsonPropertyName("poll_url")] string? PollUrl);

    public sealed record TestEventPayload(
        [property: JsonPropertyName("event")] string Event, [property: JsonPropertyName("message")] string Message,
        [property: JsonPropertyName("sent_at")] DateTimeOffset SentAt);
}
