using System.Text.Json.Serialization;

namespace Tessera.Surfaces.PixelDojo;

/// <summary>The doc's Submit Response: <c>POST /models/{apiId}/run</c> answers 200 with it.</summary>
public sealed record DojoSubmitResponse(string JobId, string Status, string StatusUrl, decimal CreditCost, decimal CreditsRemaining, string ExpiresAt);

/// <summary>
/// A job as <c>GET /jobs/{jobId}</c> returns it, and (without <see cref="Webhook"/>) as its webhook's payload.
/// <see cref="Output"/> and <see cref="Assets"/> carry the same signed URLs (DECISIONS.md: the doc's lists and the SDK's assets).
/// </summary>
public sealed record DojoJob(
    string JobId,
    string Status,
    string Model,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DojoOutput? Output,
    IReadOnlyList<DojoAsset> Assets,
    decimal CreditCost,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DojoJobError? Error,
    string CreatedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? CompletedAt,
    string ExpiresAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DojoWebhookInfo? Webhook);

/// <summary>The doc's <c>output</c>: URL lists by kind; only the kinds the job made appear.</summary>
public sealed record DojoOutput(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Images,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Videos);

/// <summary>One output as the SDK reads it: <c>job.assets[0].url</c>; <see cref="Type"/> is <c>image</c> or <c>video</c>.</summary>
public sealed record DojoAsset(string Url, string Type, string ContentType);

/// <summary>Why a job failed (or was canceled): a stable code and a message.</summary>
public sealed record DojoJobError(string Code, string Message);

/// <summary><c>GET /jobs</c>: the key's account's dojo jobs, most recent first; pass <see cref="NextCursor"/> as <c>cursor</c> for more.</summary>
public sealed record DojoJobList(IReadOnlyList<DojoJob> Jobs, string? NextCursor);

/// <summary>A job's webhook: where it goes and every delivery (the first, retries inside it, replays as new deliveries).</summary>
public sealed record DojoWebhookInfo(string? Url, IReadOnlyList<DojoWebhookDelivery> Deliveries);

/// <summary>One message (its <c>webhook-id</c>): pending, delivered or failed, with each attempt.</summary>
public sealed record DojoWebhookDelivery(string Id, string Status, string Event, string CreatedAt, string? NextAttemptAt, IReadOnlyList<DojoWebhookAttempt> Attempts);

/// <summary>One attempt: the receiver's status code (null when no answer came), latency and error.</summary>
public sealed record DojoWebhookAttempt(int Number, string StartedAt, int? StatusCode, int LatencyMs, string? Error);

/// <summary><c>GET /webhook/secret</c>: the account's Standard Webhooks signing secret (Replicate's convention).</summary>
public sealed record DojoWebhookSecret(string Key);

/// <summary>The error body of every dojo route (documentation type; <see cref="PixelDojoErrorShape"/> writes it).</summary>
public sealed record DojoErrorBody(DojoErrorDetail Error);

public sealed record DojoErrorDetail(string Code, string Message, int Status);
