using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Tessera.Accounts;
using Tessera.Common;
using Tessera.Engines;
using Tessera.Engines.Models;
using Tessera.Http.Idempotency;
using Tessera.Http;
using Tessera.Imaging;
using Tessera.Jobs;
using Tessera.Surfaces.Discovery;

namespace Tessera.Surfaces.PixelEngine;

/// <summary>
/// <c>POST /animate</c> (scope <c>generate</c>): checks the sprite and the fields against the <c>animate</c> model's
/// schema, then queues a job on the Jobs module with the seed's terms (a 10-minute credit hold of the model's price,
/// 20 credits by default; a 5-minute deadline). The answer is the job's id; <c>GET /jobs</c> tells how it went.
/// </summary>
public static class PixelEngineAnimateEndpoints
{
    /// <summary>The seed: "a hold is placed on the required credits for up to 10 minutes".</summary>
    public static readonly TimeSpan HoldTimeout = TimeSpan.FromMinutes(10);

    /// <summary>DECISIONS.md: a job's deadline (5 minutes) is shorter than its 10-minute credit hold.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromMinutes(5);

    public static RouteGroupBuilder MapPixelEngineAnimate(this RouteGroupBuilder api)
    {
        api.MapPost("/animate", AnimateAsync).RequireKey(Scopes.Generate).WithIdempotency()
            .WithRequestBody<AnimateRequest>("application/json")
            .Documented(PixelEngineSurface.Sections.Polling, "Animate a sprite",
                $"Costs the animate model's price (20 credits by default), held for {HoldTimeout.TotalMinutes:0} minutes and taken only on success. Answers at once with the job id; poll GET /jobs?id=<api_job_id> until `status` is `success` or `failure`. The job's deadline is {Deadline.TotalMinutes:0} minutes.",
                """{"image":"<base64-encoded PNG>","prompt":"a character walking left","frames":8,"fps":12,"format":"gif"}""",
                """{"api_job_id":"f47ac10b-...","status":"queued","error":null}""");
        return api;
    }

    private static async Task<Results<Ok<AnimateResponse>, ErrorResult>> AnimateAsync(
        HttpContext context, IModelRegistry models, JobService jobs, IOptions<ImagingOptions> imaging,
        CancellationToken ct)
    {
        var body = await PixelEngineRequests.ReadObjectAsync(context.Request, ct);
        if (!body.IsSuccess)
        {
            return new ErrorResult(body.Error);
        }

        if (models.Find(DefaultModels.AnimateId) is not { } model)
        {
            return new ErrorResult(PixelEngineErrors.ModelUnavailable);
        }

        var input = PixelEngineRequests.CheckAnimateInput(model, body.Value, imaging.Value);
        if (!input.IsSuccess)
        {
            return new ErrorResult(input.Error);
        }

        var submitted = await jobs.SubmitAsync(
            new JobSubmission(
                TesseraClaims.AccountIdOf(context.User)!, PixelEngineSurface.Name, model.Id, input.Value,
                HoldTimeout: HoldTimeout, Deadline: Deadline),
            ct);
        return submitted.IsSuccess
            ? TypedResults.Ok(PixelEngineJobView.Summary(submitted.Value))
            : new ErrorResult(PixelEngineErrors.FromSubmit(submitted.Error));
    }
}
