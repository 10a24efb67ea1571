using System.Text.Json.Nodes;
using Tessera.Engines;
using Tessera.Jobs;

namespace Tessera.Surfaces.PixelEngine;

/// <summary>
/// A job as Pixel Engine shows it: the seed's four statuses, and on success fresh signed links (valid 1 hour from this
/// read) to the animation and the sprite sheet, with the engine's metadata.
/// </summary>
public static class PixelEngineJobView
{
    /// <summary>The seed: "output.url contains a signed download link (valid 1 hour)".</summary>
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromHours(1);

    /// <summary>The metadata fields DECISIONS.md names, in that order; the engine's other fields stay internal.</summary>
    private static readonly string[] MetadataFields = ["frames", "width", "height", "fps", "motion", "direction"];

    /// <summary>
    /// A submit answers <c>queued</c> as the seed shows, even when a worker claimed the job in the meantime; a replayed
    /// Idempotency-Key gets this same first answer again (the HTTP idempotency mechanism keeps it).
    /// </summary>
    public static AnimateResponse Summary(JobSubmitted submitted) => new(submitted.Job.Id, "queued", null);

    public static EngineJobResponse Full(Job job, OutputUrls urls) => new(job.Id, Status(job.Status), Error(job), Output(job, urls));

    /// <summary>queued → queued (not yet claimed), running → pending, succeeded → success, failed or canceled → failure.</summary>
    public static string Status(string status) => status switch
    {
        JobStatus.Queued => "queued",
        JobStatus.Running => "pending",
        JobStatus.Succeeded => "success",
        _ => "failure",
    };

    private static EngineJobError? Error(Job job) =>
        job.Status is JobStatus.Failed or JobStatus.Canceled
            ? new EngineJobError(PixelEngineErrors.JobFailureCode(job.ErrorCode), job.ErrorMessage ?? "The job failed.")
            : null;

    private static EngineJobOutput? Output(Job job, OutputUrls urls)
    {
        if (job.Status != JobStatus.Succeeded)
        {
            return null;
        }

        var metadata = new JsonObject();
        foreach (var field in MetadataFields)
        {
            metadata[field] = job.Metadata?[field]?.DeepClone();
        }

        return new EngineJobOutput(Link(job, OutputRoles.Animation, urls), Link(job, OutputRoles.SpriteSheet, urls), metadata);
    }

    private static string? Link(Job job, string role, OutputUrls urls) =>
        job.Outputs.FirstOrDefault(output => output.Role == role) is { } output ? urls.Sign(job.Id, output.Index, LinkLifetime) : null;
}
