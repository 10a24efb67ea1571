using System.Text.Json;
using Tessera.Http;

namespace Tessera.Jobs;

/// <summary>What a surface asks <see cref="JobService.SubmitAsync"/> to run. Null durations take the <see cref="JobsOptions"/> defaults.</summary>
/// <param name="Surface">The surface that owns the job (<c>dojo</c>, <c>engine</c> ...), recorded and shown back.</param>
/// <param name="Model">The model's <c>apiId</c> in the model registry.</param>
/// <param name="Input">The request body, already validated by the surface against the model's schema.</param>
/// <param name="IdempotencyKey">The client's <c>Idempotency-Key</c>: the same key from the same account within 24 h returns the first job.</param>
/// <param name="HoldTimeout">How long the credit hold lives (10 minutes by default); the deadline must be shorter.</param>
/// <param name="Deadline">From submission: past it the job fails <c>deadline_exceeded</c> (5 minutes by default).</param>
/// <param name="OutputLifetime">From submission: then the outputs are deleted and the job answers <c>expired</c> (24 h by default).</param>
public sealed record JobSubmission(
    string AccountId,
    string Surface,
    string Model,
    JsonElement Input,
    string? WebhookUrl = null,
    string? IdempotencyKey = null,
    TimeSpan? HoldTimeout = null,
    TimeSpan? Deadline = null,
    TimeSpan? OutputLifetime = null);
