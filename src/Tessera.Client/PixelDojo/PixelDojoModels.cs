using System.Text.Json;

namespace Tessera.Client.PixelDojo;

/// <summary><c>GET /models</c>.</summary>
public sealed record DojoModelList(IReadOnlyList<DojoModel> Models, int Count);

/// <summary>A model; <see cref="Schema"/> is set by <c>GetModelAsync</c> only.</summary>
public sealed record DojoModel(string ApiId, string Name, string Description, string OutputKind, DojoPricing Pricing, DojoModelLinks? Links, JsonElement? Schema = null);

/// <summary><see cref="CreditCost"/> credits per <see cref="Unit"/> (<c>image</c>, <c>video</c>, <c>second</c> or <c>job</c>).</summary>
public sealed record DojoPricing(decimal CreditCost, string Unit, decimal? DefaultDurationSeconds);

public sealed record DojoModelLinks(string Self, string Schema, string Run);

/// <summary>The answer to <c>RunAsync</c>: poll <see cref="StatusUrl"/> (or <c>GetJobAsync(JobId)</c>).</summary>
public sealed record DojoSubmitted(string JobId, string Status, string StatusUrl, decimal CreditCost, decimal CreditsRemaining, string ExpiresAt);

/// <summary>A job: <c>pending</c>, <c>processing</c>, <c>completed</c>, <c>failed</c> or <c>canceled</c>.</summary>
public sealed record DojoJob(
    string JobId,
    string Status,
    string? Model,
    DojoOutput? Output,
    IReadOnlyList<DojoAsset>? Assets,
    decimal CreditCost,
    DojoJobError? Error,
    string? CreatedAt,
    string? CompletedAt,
    string ExpiresAt,
    DojoWebhookInfo? Webhook)
{
    public bool IsTerminal => Status is "completed" or "failed" or "canceled";
}

public sealed record DojoOutput(IReadOnlyList<string>? Images, IReadOnlyList<string>? Videos);

/// <summary>One output: <c>job.Assets[0].Url</c>, a signed download link valid until the job expires.</summary>
public sealed record DojoAsset(string Url, string Type, string? ContentType);

public sealed record DojoJobError(string Code, string Message);

public sealed record DojoJobList(IReadOnlyList<DojoJob> Jobs, string? NextCursor);

public sealed record DojoWebhookInfo(string? Url, IReadOnlyList<DojoWebhookDelivery> Deliveries);

public sealed record DojoWebhookDelivery(string Id, string Status, string Event, string CreatedAt, string? NextAttemptAt, IReadOnlyList<DojoWebhookAttempt> Attempts);

public sealed record DojoWebhookAttempt(int Number, string StartedAt, int? StatusCode, int LatencyMs, string? Error);

public sealed record DojoWebhookSecret(string Key);
