using System.Net.Http.Headers;

namespace Tessera.Webhooks;

/// <summary>
/// A surface's own delivery headers, added beside the Standard Webhooks ones where its doc names one (e.g. a
/// provider-specific signature header). Every registered implementation is asked for every delivery.
/// </summary>
public interface IWebhookHeaders
{
    void Add(WebhookDelivery delivery, HttpRequestHeaders headers);
}

/// <summary>
/// The delivery being sent: its message, attempt, <c>webhook-timestamp</c>, exact body bytes and the account's current
/// secret; <see cref="OwnSecret"/> is the secret the message was queued with for a surface's own signature (decrypted), if any.
/// </summary>
public sealed record WebhookDelivery(
    string MessageId, string AccountId, string Subject, string EventType, int Attempt, long Timestamp, ReadOnlyMemory<byte> Body, string Secret, string? OwnSecret = null);
