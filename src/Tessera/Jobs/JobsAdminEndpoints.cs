using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Tessera.Http;
using Tessera.Http.Idempotency;
using Tessera.Outbound;

namespace Tessera.Jobs;

/// <summary>
/// The operator's job routes under <c>/admin/v1</c>: submit a job for an account (what crash tests and operators use
/// before or beside the surfaces; <c>Idempotency-Key</c> through the one HTTP mechanism, scoped to the operator) and
/// read any job.
/// </summary>
public static class JobsAdminEndpoints
{
    public static RouteGroupBuilder MapJobsAdmin(this RouteGroupBuilder admin)
    {
        admin.MapPost("/jobs", SubmitAsync).WithIdempotency();
        admin.MapGet("/jobs/{id}", GetAsync);
        admin.MapGet("/accounts/{id}/jobs", ListAsync);
        return admin;
    }

    public static async Task<Results<Created<AdminJobResponse>, ErrorResult>> SubmitAsync(
        AdminJobRequest request, JobService jobs, ReceiverUrlCheck receivers,
        CancellationToken cancellationToken)
    {
        if (request.WebhookUrl is { } webhookUrl && await receivers.CheckAsync(webhookUrl, "webhook_url", cancellationToken) is { } badUrl)
        {
            return new ErrorResult(badUrl);
        }

        var submission = new JobSubmission(
            request.AccountId ?? "", request.Surface ?? "admin", request.Model ?? "", request.Input ?? JsonDocument.Parse("{}").RootElement,
            request.WebhookUrl);
        var result = await jobs.SubmitAsync(submission, cancellationToken);
        return result.IsSuccess
            ? TypedResults.Created($"/admin/v1/jobs/{result.Value.Job.Id}", new AdminJobResponse(result.Value.Job, result.Value.Remaining))
            : new ErrorResult(result.Error);
    }

    internal static async Task<Results<Ok<AdminJobResponse>, ErrorResult>> GetAsync(string id, JobStore store, CancellationToken cancellationToken) =>
        await store.FindAsync(id, cancellationToken) is { } stored
            ? TypedResults.Ok(new AdminJobResponse(stored.Job, null))
            : new ErrorResult(JobErrors.NotFound(id));

    public static async Task<Results<Ok<JobPage>, ErrorResult>> ListAsync(
        string id, JobService jobs, CancellationToken cancellationToken, int limit = 20, string? cursor = null) =>
        JobPage.CheckQuery(limit, cursor) is { } invalid
            ? new ErrorResult(invalid)
            : TypedResults.Ok(await jobs.ListAsync(id, limit, cursor, cancellationToken));
}

public sealed record AdminJobRequest(
    [property: JsonPropertyName("account_id")] string? AccountId,
    string? Surface,
    string? Model,
    JsonElement? Input,
    [property: JsonPropertyName("webhook_url")] string? WebhookUrl);

/// <param name="CreditsRemaining">The account's available balance in the job's currency after its hold (credits for generation jobs).</param>
public sealed record AdminJobResponse(
    Job Job,
    [property: JsonPropertyName("credits_remaining")] decimal? CreditsRemaining);
