using Microsoft.AspNetCore.Http.HttpResults;
using Tessera.Accounts;
using Tessera.Http;
using Tessera.Jobs;
using Tessera.Surfaces.Discovery;

namespace Tessera.Surfaces.PixelEngine;

/// <summary><c>GET /jobs?id=</c> (scope <c>jobs</c>, free): one of the caller's animate jobs, as the seed shows it.</summary>
public static class PixelEngineJobEndpoints
{
    public static RouteGroupBuilder MapPixelEngineJobs(this RouteGroupBuilder api)
    {
        api.MapGet("/jobs", GetJobAsync).RequireKey(Scopes.Jobs)
            .Documented(PixelEngineSurface.Sections.Polling, "Get a job",
                $"Free. `?id=<api_job_id>`. `status` is `queued` or `pending` while it runs, then `success` (terminal: `output.url` is the animated GIF/WebP, plus `spritesheet_url` and `metadata`) or `failure` (terminal: `error` says why; the hold is released). Output links are signed and valid {PixelEngineJobView.LinkLifetime.TotalMinutes:0} minutes from this answer: fetch the job again for fresh ones. Poll every 3–5 seconds.",
                response: """{"api_job_id":"f47ac10b-...","status":"success","error":null,"output":{"url":"https://host/jobs/.../outputs/0?...","spritesheet_url":"https://host/...","metadata":{"frames":8,"width":96,"height":64,"fps":12,"motion":"walk","direction":"left"}}}""");
        return api;
    }

    private static async Task<Results<Ok<EngineJobResponse>, ErrorResult>> GetJobAsync(
        string? id, HttpContext context, JobService jobs, OutputUrls urls, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return new ErrorResult(PixelEngineErrors.MissingJobId(context));
        }

        var found = await jobs.GetAsync(TesseraClaims.AccountIdOf(context.User)!, id, ct);
        if (!found.IsSuccess)
        {
            return new ErrorResult(PixelEngineErrors.FromGet(found.Error, id));
        }

        // Another surface's job (a /dojo job id) is not an engine job: the same 404 as an unknown id.
        return found.Value.Surface == PixelEngineSurface.Name
            ? TypedResults.Ok(PixelEngineJobView.Full(found.Value, urls))
            : new ErrorResult(PixelEngineErrors.JobNotFound(id));
    }
}
