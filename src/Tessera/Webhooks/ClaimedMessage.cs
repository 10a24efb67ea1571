namespace Tessera.Webhooks;

/// <summary>A message this node has leased for one attempt; <see cref="Attempt"/> (1-based) is also its fencing token.</summary>
internal sealed record ClaimedMessage(string Id, string AccountId, string Subject, string EventType, string Url, string Payload, int Attempt);
