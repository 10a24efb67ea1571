using Microsoft.AspNetCore.Http.HttpResults;
using Tessera.Accounts;
using Tessera.Http;
using Tessera.Jobs;

namespace Tessera.Surfaces.PixelEngine;

/// <summary><c>GET /jobs?id=</c> (scope <c>jobs</c>, free): one of the caller's animate jobs, as the seed shows it.</summary>
public static class PixelEngineJobEndpoints
{
    public static RouteGroupBuilder MapPixelEngineJobs(this RouteGroupBuilder api)
    {
        api.MapGet("/jobs", GetJobAsync).RequireKey(Scopes.Jobs);
        return api;
    }

    private static async Task<Results<Ok<EngineJobResponse>, ErrorResult>> GetJobAsync(
        string? id, HttpContext context, JobService jobs, OutputUrls urls, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return new ErrorResult(PixelEngineErrors.MissingJobId);
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
