using Tessera.Surfaces.Discovery;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Tessera.Accounts;
using Tessera.Common;
using Tessera.Engines;
using Tessera.Engines.Models;
using Tessera.Http.Idempotency;
using Tessera.Http;
using Tessera.Jobs;
using Tessera.Outbound;

namespace Tessera.Surfaces.PixelDojo;

/// <summary>
/// <c>POST /models/{apiId}/run</c>: validate the body against the model's schema, hold the credits, queue the job, answer
/// the doc's Submit Response (200). Honours <c>Idempotency-Key</c>.
/// </summary>
public static class DojoRunEndpoints
{

    public static RouteGroupBuilder MapDojoRun(this RouteGroupBuilder api)
    {
        api.MapPost("/models/{apiId}/run", Run)
            .RequireKey(Scopes.Generate)
            .WithIdempotency()
            .Accepts<JsonElement>("application/json")
            .WithSummary("Submit a job (returns immediately)")
            .WithDescription(
                "Submits an async generation job. The body is validated against the model's JSON schema (prompt required; "
                + "image_url, aspect_ratio, duration, num_outputs, seed, webhook_url as the model allows). The credit cost "
                + "(per image, or per second of video) is held at once and charged when the job completes; a failed or "
                + "canceled job costs nothing. Poll statusUrl until status is completed or failed. Send an Idempotency-Key "
                + "header to make retries safe: the same key within 24 h returns the first response.")
            .WithDojoErrors(400, 401, 402, 403, 404, 429, 500)
            .WithMetadata(new ApiExample(
                """{"prompt":"A sunset","aspect_ratio":"1:1","webhook_url":"https://example.com/webhook"}""",
                """{"jobId":"job_abc123","status":"pending","statusUrl":"https://host/dojo/api/v1/jobs/job_abc123","creditCost":1,"creditsRemaining":99,"expiresAt":"2025-01-23T12:00:00Z"}"""));
        return api;
    }

    private static async Task<Results<Ok<DojoSubmitResponse>, ErrorResult>> Run(
        string apiId, [FromBody] JsonElement body, HttpContext context, IModelRegistry registry, JobService jobs,
        IConfiguration configuration, ILoggerFactory loggers, ReceiverUrlCheck receivers, CancellationToken ct)
    {
        if (DojoModelEndpoints.Find(registry, apiId) is not { } model)
        {
            return new ErrorResult(DojoErrors.ModelNotFound(apiId));
        }

        var valid = ModelInputValidator.Validate(model, body);
        if (!valid.IsSuccess)
        {
            return new ErrorResult(valid.Error);
        }

        var webhookUrl = WebhookUrl(body);
        if (webhookUrl is not null && await receivers.CheckAsync(webhookUrl, "webhook_url", ct) is { } badUrl)
        {
            return new ErrorResult(badUrl);
        }

        var accountId = TesseraClaims.AccountIdOf(context.User)!;
        var submission = new JobSubmission(accountId, PixelDojoSurface.Name, model.Id, body, webhookUrl);
        Result<JobSubmitted> submitted;
        try
        {
            submitted = await jobs.SubmitAsync(submission, ct);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            var error = DojoErrors.ForSubmit(exception);
            Log.SubmitFailed(loggers.CreateLogger(typeof(DojoRunEndpoints)), model.Id, accountId, error.Code, exception);
            return new ErrorResult(error);
        }

        if (!submitted.IsSuccess)
        {
            return new ErrorResult(DojoErrors.ForSubmit(submitted.Error));
        }

        var job = submitted.Value.Job;
        return TypedResults.Ok(new DojoSubmitResponse(
            job.Id, DojoStatuses.Pending, DojoUrls.Job(context, configuration, job.Id), job.Cost, submitted.Value.Remaining ?? 0,
            DojoTime.Format(job.ExpiresAt)));
    }

    /// <summary>The body's <c>webhook_url</c> (the schema has checked it is a string when present).</summary>
    private static string? WebhookUrl(JsonElement body) =>
        body.TryGetProperty("webhook_url", out var url) && url.ValueKind == JsonValueKind.String ? url.GetString() : null;
}
