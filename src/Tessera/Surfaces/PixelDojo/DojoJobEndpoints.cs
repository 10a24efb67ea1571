using Tessera.Surfaces.Discovery;
using Microsoft.AspNetCore.Http.HttpResults;
using Tessera.Accounts;
using Tessera.Common;
using Tessera.Http;
using Tessera.Jobs;

namespace Tessera.Surfaces.PixelDojo;

/// <summary>
/// <c>GET /jobs</c> (recent jobs, paged), <c>GET /jobs/{jobId}</c> (full state) and <c>POST /jobs/{jobId}/cancel</c>
/// (Tessera's addition). Another account's job, or a job of another surface, is 404 <c>not_found</c>.
/// </summary>
public static class DojoJobEndpoints
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    public static RouteGroupBuilder MapDojoJobs(this RouteGroupBuilder api)
    {
        api.MapGet("/jobs", ListJobs)
            .RequireKey(Scopes.Jobs)
            .WithSummary("List recent jobs")
            .WithDescription(
                $"The API key owner's jobs, most recent first. `limit` 1..{MaxLimit} (default {DefaultLimit}); pass the answer's "
                + "`nextCursor` as `cursor` for the next page (null on the last). Entries carry no webhook delivery info.")
            .WithDojoErrors(400, 401, 403, 429)
            .WithMetadata(new ApiExample(null, """{"jobs":[{"jobId":"job_abc123","status":"completed","model":"flux-1.1-pro","output":{"images":["https://host/files/job_abc123/0?exp=1737633600&sig=..."]},"assets":[{"url":"https://host/files/job_abc123/0?exp=1737633600&sig=...","type":"image","contentType":"image/png"}],"creditCost":1,"createdAt":"2025-01-22T12:00:00Z","completedAt":"2025-01-22T12:00:02Z","expiresAt":"2025-01-23T12:00:00Z"}],"nextCursor":null}"""));
        api.MapGet("/jobs/{jobId}", GetJob)
            .RequireKey(Scopes.Jobs)
            .WithSummary("Poll job status and get output")
            .WithDescription(
                "Full job state. status: pending, processing, completed, failed (or canceled). When completed: output.images "
                + "(or output.videos) and assets [{url,type}] with signed download URLs valid until expiresAt; when failed or "
                + "canceled: error {code,message}; webhook {url, deliveries[]} when the job has a webhook_url. Outputs are "
                + "deleted 24 h after submission; the job then answers 410 expired.")
            .WithDojoErrors(401, 403, 404, 410, 429)
            .WithMetadata(new ApiExample(null, """{"jobId":"job_abc123","status":"completed","model":"flux-1.1-pro","output":{"images":["https://host/files/job_abc123/0?exp=1737633600&sig=..."]},"assets":[{"url":"https://host/files/job_abc123/0?exp=1737633600&sig=...","type":"image","contentType":"image/png"}],"creditCost":1,"createdAt":"2025-01-22T12:00:00Z","completedAt":"2025-01-22T12:00:02Z","expiresAt":"2025-01-23T12:00:00Z","webhook":{"url":"https://example.com/webhook","deliveries":[{"id":"whmsg_job_abc123","status":"delivered","event":"job.completed","createdAt":"2025-01-22T12:00:02Z","nextAttemptAt":null,"attempts":[{"number":1,"startedAt":"2025-01-22T12:00:02Z","statusCode":200,"latencyMs":41,"error":null}]}]}}"""));
        api.MapPost("/jobs/{jobId}/cancel", CancelJob)
            .RequireKey(Scopes.Jobs)
            .WithSummary("Cancel a job")
            .WithDescription(
                "Tessera's addition: cancels a pending or processing job; its credit hold is returned and the answer is the job "
                + "(status canceled, or completed/failed if it finished first). A job already finished → 409 job_finished.")
            .WithDojoErrors(401, 403, 404, 409, 410, 429);
        return api;
    }

    private static async Task<Results<Ok<DojoJobList>, ErrorResult>> ListJobs(
        int? limit, string? cursor, HttpContext context, JobService jobs, DojoJobBodies bodies, CancellationToken ct)
    {
        if (limit is < 1 or > MaxLimit)
        {
            return new ErrorResult(Error.Validation($"limit: must be between 1 and {MaxLimit}"));
        }

        if (JobPage.CheckQuery(limit ?? DefaultLimit, cursor) is { } invalid)
        {
            return new ErrorResult(invalid);
        }

        var page = await jobs.ListAsync(TesseraClaims.AccountIdOf(context.User)!, limit ?? DefaultLimit, cursor, ct);
        var listed = page.Jobs.Where(job => job.Surface == PixelDojoSurface.Name).Select(bodies.Body).ToList();
        return TypedResults.Ok(new DojoJobList(listed, page.NextCursor));
    }

    private static async Task<Results<Ok<DojoJob>, ErrorResult>> GetJob(
        string jobId, HttpContext context, JobService jobs, DojoJobBodies bodies, CancellationToken ct)
    {
        var found = await FindAsync(jobId, context, jobs, ct);
        return found.IsSuccess ? TypedResults.Ok(await bodies.WithWebhookAsync(found.Value, ct)) : new ErrorResult(found.Error);
    }

    private static async Task<Results<Ok<DojoJob>, ErrorResult>> CancelJob(
        string jobId, HttpContext context, JobService jobs, DojoJobBodies bodies, CancellationToken ct)
    {
        var found = await FindAsync(jobId, context, jobs, ct);
        if (!found.IsSuccess)
        {
            return new ErrorResult(found.Error);
        }

        var canceled = await jobs.CancelAsync(found.Value.AccountId, jobId, ct);
        return canceled.IsSuccess ? TypedResults.Ok(await bodies.WithWebhookAsync(canceled.Value, ct)) : new ErrorResult(canceled.Error);
    }

    /// <summary>The caller's dojo job: 404 for anyone else's (or another surface's), 410 once expired.</summary>
    internal static async Task<Result<Job>> FindAsync(string jobId, HttpContext context, JobService jobs, CancellationToken ct)
    {
        var found = await jobs.GetAsync(TesseraClaims.AccountIdOf(context.User)!, jobId, ct);
        if (!found.IsSuccess)
        {
            return found.Error.Code == "not_found" ? DojoErrors.JobNotFound(jobId) : found.Error;
        }

        return found.Value.Surface == PixelDojoSurface.Name ? found.Value : DojoErrors.JobNotFound(jobId);
    }
}
