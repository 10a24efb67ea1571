using System.Data.Common;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Tessera.Common;
using Tessera.Outbound;
using Tessera.Storage;
using Tessera.Storage.Secrets;

namespace Tessera.Webhooks;

/// <summary>
/// The outbox: a webhook is a row written before anyone tries to send it, so an event once enqueued is delivered
/// (or recorded as failed) even if this node dies. The delivery workers of every node send what is due.
/// </summary>
public sealed class WebhookOutbox(TesseraDatabase database, ISecretProtector protector, TimeProvider time, IOptions<WebhooksOptions> options, WebhookSignal signal)
{
    /// <summary>The purpose a message's own signing secret is encrypted for (<c>webhook_messages.own_secret</c>).</summary>
    public const string OwnSecretPurpose = "webhooks.message-secret";

    private const string MessageColumns = "id, account_id, subject, event_type, url, payload, status, attempts, next_attempt_at, created_at, finished_at";

    /// <summary>
    /// Queues <paramref name="payloadJson"/> for <paramref name="url"/>. Idempotent on <paramref name="messageId"/>
    /// (it becomes the <c>webhook-id</c>): enqueuing an id again returns the first message and sends nothing more.
    /// Without one, a new <c>msg_...</c> id is made.
    /// </summary>
    public Task<Result<WebhookMessage>> EnqueueAsync(
        string accountId, string subject, string eventType, string url, string payloadJson, string? messageId = null, CancellationToken cancellationToken = default) =>
        EnqueueAsync(accountId, subject, eventType, url, payloadJson, messageId, null, cancellationToken);

    /// <summary>
    /// As above, with the message's own signing secret: kept encrypted beside the message (so a retry signs alike even
    /// after the receiver's registration changed) and handed to every <see cref="IWebhookHeaders"/> as
    /// <see cref="WebhookDelivery.OwnSecret"/>, for a surface's own signature header.
    /// </summary>
    public async Task<Result<WebhookMessage>> EnqueueAsync(
        string accountId, string subject, string eventType, string url, string payloadJson, string? messageId, string? ownSecret, CancellationToken cancellationToken)
    {
        if (Invalid(accountId, subject, eventType, payloadJson, messageId) is { } error)
        {
            return error;
        }

        var checkedUrl = OutboundUrl.Validate(url);
        if (!checkedUrl.IsSuccess)
        {
            return checkedUrl.Error;
        }

        var now = time.GetUtcNow();
        var id = messageId ?? Ids.NewSequential("msg_", now);
        var due = now + options.Value.Schedule()![0];
        await using var connection = await database.OpenAsync(cancellationToken);
        var inserted = await connection.Command($"""
            INSERT INTO webhook_messages ({MessageColumns}, host, own_secret)
            VALUES (@id, @account, @subject, @event_type, @url, @payload, 'pending', 0, @due, @now, NULL, @host, @own_secret)
            ON CONFLICT (id) DO NOTHING
            """)
            .With("@id", id)
            .With("@account", accountId)
            .With("@subject", subject)
            .With("@event_type", eventType)
            .With("@url", url)
            .With("@host", checkedUrl.Value.IdnHost.ToLowerInvariant()) // the per-host delivery cap's key (WebhookDeliveryWorker)
            .With("@payload", payloadJson)
            .With("@own_secret", ownSecret is null ? null : protector.Protect(ownSecret, OwnSecretPurpose))
            .With("@due", due.ToUnixTimeMilliseconds())
            .With("@now", now.ToUnixTimeMilliseconds())
            .ExecuteAndDisposeAsync(cancellationToken);
        if (inserted == 1)
        {
            signal.Notify();
            return new WebhookMessage(id, accountId, subject, eventType, url, payloadJson, WebhookStatus.Pending, 0, due, now, null, []);
        }

        var existing = (await ReadAsync(connection, "id = @key", id, cancellationToken))[0];
        return existing.AccountId == accountId ? existing : WebhookErrors.IdTaken(id);
    }

    /// <summary>Every message sent for <paramref name="subject"/> (a job id), oldest first, each with its attempts.</summary>
    public async Task<IReadOnlyList<WebhookMessage>> ListAsync(string subject, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ReadAsync(connection, "subject = @key", subject, cancellationToken);
    }

    public async Task<WebhookMessage?> GetAsync(string messageId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await ReadAsync(connection, "id = @key", messageId, cancellationToken)).FirstOrDefault();
    }

    /// <summary>
    /// Sends the subject's latest message again as a new message: a new <c>webhook-id</c> and its own attempt series
    /// (Standard Webhooks keeps the id across retries of one message; a replay is a new delivery the receiver should
    /// process even if it saw the first). Same account, event type, URL and payload.
    /// </summary>
    public async Task<Result<WebhookMessage>> ReplayAsync(string accountId, string subject, CancellationToken cancellationToken = default)
    {
        var last = (await ListAsync(subject, cancellationToken)).LastOrDefault(message => message.AccountId == accountId);
        if (last is null)
        {
            return WebhookErrors.NothingToReplay(subject);
        }

        return await EnqueueAsync(accountId, subject, last.EventType, last.Url, last.Payload, null, cancellationToken);
    }

    private static Error? Invalid(string accountId, string subject, string eventType, string payloadJson, string? messageId)
    {
        if (string.IsNullOrWhiteSpace(accountId) || string.IsNullOrWhiteSpace(subject) || string.IsNullOrWhiteSpace(eventType))
        {
            return Error.Validation("A webhook needs an account, a subject and an event type.");
        }

        // The id is signed as "{id}.{timestamp}.{body}": a '.' in it would make two messages sign alike.
        if (messageId is not null && (messageId.Length is 0 or > 128 || messageId.Contains('.', StringComparison.Ordinal) || messageId.Any(char.IsWhiteSpace)))
        {
            return Error.Validation("A message id is 1–128 characters without '.' or spaces.");
        }

        try
        {
            using var _ = JsonDocument.Parse(payloadJson);
        }
        catch (JsonException)
        {
            return Error.Validation("The webhook payload is not JSON.");
        }

        return null;
    }

    private static async Task<List<WebhookMessage>> ReadAsync(DbConnection connection, string where, string key, CancellationToken cancellationToken)
    {
        // Messages first, then their attempts: a message read as delivered or failed then has every attempt (its
        // last attempt is committed with its final status), whereas the other order could miss the last one.
        var messages = new List<WebhookMessage>();
        await using (var reader = await connection.Command($"SELECT {MessageColumns} FROM webhook_messages WHERE {where} ORDER BY created_at, id")
            .With("@key", key).ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                messages.Add(new WebhookMessage(
                    reader.GetString(0),
                    reader.GetString(1),
                    reader.GetString(2),
                    reader.GetString(3),
                    reader.GetString(4),
                    reader.GetString(5),
                    reader.GetString(6),
                    reader.GetInt32(7),
                    reader.GetString(6) == WebhookStatus.Pending && !reader.IsDBNull(8) ? DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(8)) : null,
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(9)),
                    reader.IsDBNull(10) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(10)),
                    []));
            }
        }

        if (messages.Count == 0)
        {
            return messages;
        }

        var attempts = new Dictionary<string, List<WebhookAttempt>>(StringComparer.Ordinal);
        await using (var reader = await connection.Command($"""
            SELECT message_id, attempt, started_at, status_code, latency_ms, error, response_excerpt FROM webhook_attempts
            WHERE message_id IN (SELECT id FROM webhook_messages WHERE {where}) ORDER BY message_id, attempt
            """).With("@key", key).ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var list = attempts.TryGetValue(reader.GetString(0), out var found) ? found : attempts[reader.GetString(0)] = [];
                list.Add(new WebhookAttempt(
                    reader.GetInt32(1),
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
                    reader.IsDBNull(3) ? null : reader.GetInt32(3),
                    reader.GetInt32(4),
                    reader.IsDBNull(5) ? null : reader.GetString(5),
                    reader.IsDBNull(6) ? null : reader.GetString(6)));
            }
        }

        return messages.ConvertAll(message => attempts.TryGetValue(message.Id, out var list) ? message with { Attempts = list } : message);
    }
}
