namespace Tessera.Webhooks;

/// <summary>
/// A message this node has leased for one attempt; <see cref="Attempt"/> (1-based) is also its fencing token.
/// <see cref="Host"/> is the URL's host, the key of the per-host delivery cap; <see cref="OwnSecret"/> the message's own
/// signing secret, still encrypted (<see cref="WebhookOutbox.OwnSecretPurpose"/>), when it has one.
/// </summary>
internal sealed record ClaimedMessage(string Id, string AccountId, string Subject, string EventType, string Url, string Payload, int Attempt, string Host, string? OwnSecret = null);
