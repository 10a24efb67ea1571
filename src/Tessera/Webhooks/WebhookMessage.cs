namespace Tessera.Webhooks;

/// <summary>One event for one URL and its delivery record, newest attempt last (GET /jobs/{id}/webhook shows it).</summary>
public sealed record WebhookMessage(
    string Id,
    string AccountId,
    string Subject,
    string EventType,
    string Url,
    string Payload,
    string Status,
    int AttemptCount,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt,
    IReadOnlyList<WebhookAttempt> Attempts);
