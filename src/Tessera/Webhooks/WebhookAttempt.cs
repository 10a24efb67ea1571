namespace Tessera.Webhooks;

/// <summary>
/// One delivery attempt: the receiver's status code (null when no response came: refused address, timeout,
/// connection error), how long it took, the error (<c>code: message</c>) and the first 1 KB of the response.
/// </summary>
public sealed record WebhookAttempt(int Number, DateTimeOffset StartedAt, int? StatusCode, int LatencyMs, string? Error, string? ResponseExcerpt);
