using Tessera.Surfaces.Discovery;
using Microsoft.AspNetCore.Http.HttpResults;
using Tessera.Accounts;
using Tessera.Common;
using Tessera.Http;
using Tessera.Jobs;
using Tessera.Webhooks;

namespace Tessera.Surfaces.PixelDojo;

/// <summary>
/// <c>GET /jobs/{jobId}/webhook</c> (configuration and delivery attempts), <c>POST /jobs/{jobId}/webhook</c> (replay the
/// terminal webhook) and <c>GET /webhook/secret</c> (the account's signing secret, DECISIONS.md).
/// </summary>
public static class DojoWebhookEndpoints
{
    public static RouteGroupBuilder MapDojoWebhooks(this RouteGroupBuilder api)
    {
        api.MapGet("/jobs/{jobId}/webhook", GetWebhook)
            .RequireKey(Scopes.Jobs)
            .WithSummary("Inspect webhook configuration and delivery attempts")
            .WithDescription("The job's webhook_url (null when it has none) and every delivery: id (the webhook-id header), status (pending, delivered, failed), event and attempts (status code, latency, time, error).")
            .WithDojoErrors(401, 403, 404, 410, 429)
            .WithMetadata(new ApiExample(null, """{"url":"https://example.com/webhook","deliveries":[{"id":"whmsg_job_abc123","status":"delivered","event":"job.completed","createdAt":"2025-01-22T12:00:02Z","nextAttemptAt":null,"attempts":[{"number":1,"startedAt":"2025-01-22T12:00:02Z","statusCode":200,"latencyMs":41,"error":null}]}]}"""));
        api.MapPost("/jobs/{jobId}/webhook", ReplayWebhook)
            .RequireKey(Scopes.Jobs)
            .WithSummary("Replay webhook for terminal jobs")
            .WithDescription(
                "Sends the terminal webhook of a completed, failed or canceled job again, as a new delivery (a new webhook-id) "
                + "with the same payload; answers 202 with the webhook info. A job not finished yet, or without a webhook_url → 400 validation_error.")
            .WithDojoErrors(400, 401, 403, 404, 410, 429)
            .WithMetadata(new ApiExample(null, """{"url":"https://example.com/webhook","deliveries":[{"id":"whmsg_job_abc123","status":"delivered","event":"job.completed","createdAt":"2025-01-22T12:00:02Z","nextAttemptAt":null,"attempts":[]},{"id":"msg_2b7k4m","status":"pending","event":"job.completed","createdAt":"2025-01-22T12:05:00Z","nextAttemptAt":"2025-01-22T12:05:00Z","attempts":[]}]}"""));
        api.MapGet("/webhook/secret", GetSecret)
            .RequireKey(Scopes.Webhooks)
            .WithSummary("Get the webhook signing secret")
            .WithDescription(
                "The account's Standard Webhooks secret. Each delivery carries webhook-id, webhook-timestamp and webhook-signature "
                + "(v1,base64 HMAC-SHA256 of \"{id}.{timestamp}.{body}\" keyed by the base64-decoded part after whsec_).")
            .WithDojoErrors(401, 403, 429)
            .WithMetadata(new ApiExample(null, """{"key":"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}"""));
        return api;
    }

    private static async Task<Results<Ok<DojoWebhookInfo>, ErrorResult>> GetWebhook(
        string jobId, HttpContext context, JobService jobs, DojoJobBodies bodies, CancellationToken ct)
    {
        var found = await DojoJobEndpoints.FindAsync(jobId, context, jobs, ct);
        return found.IsSuccess ? TypedResults.Ok(await bodies.WebhookAsync(found.Value, ct)) : new ErrorResult(found.Error);
    }

    private static async Task<Results<Accepted<DojoWebhookInfo>, ErrorResult>> ReplayWebhook(
        string jobId, HttpContext context, JobService jobs, DojoJobBodies bodies, DojoWebhookHook hook, WebhookOutbox outbox, CancellationToken ct)
    {
        var found = await DojoJobEndpoints.FindAsync(jobId, context, jobs, ct);
        if (!found.IsSuccess)
        {
            return new ErrorResult(found.Error);
        }

        var job = found.Value;
        if (job.WebhookUrl is null)
        {
            return new ErrorResult(Error.Validation($"Job '{jobId}' has no webhook_url."));
        }

        if (!job.IsTerminal)
        {
            return new ErrorResult(Error.Validation($"Job '{jobId}' is {DojoStatuses.Of(job.Status)}; only a completed, failed or canceled job's webhook can be replayed."));
        }

        // The terminal hook may not have run yet (it runs right after the commit, or at the sweep): queue the first
        // delivery then, which is what a replay asks for; otherwise send the last one again as a new delivery.
        var sent = (await bodies.WebhookAsync(job, ct)).Deliveries.Count > 0
            ? await outbox.ReplayAsync(job.AccountId, job.Id, ct)
            : await hook.EnqueueAsync(job, ct);
        if (!sent.IsSuccess)
        {
            return new ErrorResult(sent.Error);
        }

        var statusUrl = DojoUrls.Job(context, context.RequestServices.GetRequiredService<IConfiguration>(), jobId) + "/webhook";
        return TypedResults.Accepted(statusUrl, await bodies.WebhookAsync(job, ct));
    }

    private static async Task<Ok<DojoWebhookSecret>> GetSecret(HttpContext context, WebhookSecrets secrets, CancellationToken ct) =>
        TypedResults.Ok(new DojoWebhookSecret(await secrets.GetOrCreateSecretAsync(TesseraClaims.AccountIdOf(context.User)!, ct)));
}
