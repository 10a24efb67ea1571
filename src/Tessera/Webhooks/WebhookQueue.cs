using System.Data.Common;
using Tessera.Storage;

namespace Tessera.Webhooks;

/// <summary>
/// The delivery side of the outbox tables: claim due messages under a lease, write attempts down. Two nodes never
/// hold one attempt: the claim is one atomic UPDATE that bumps <c>attempts</c> (SQLite: a single writer runs it
/// whole; PostgreSQL: <c>FOR UPDATE SKIP LOCKED</c> hands each row to one claimer), and an outcome is applied only
/// while the message still carries that attempt number.
/// </summary>
internal sealed class WebhookQueue(TesseraDatabase database)
{
    private const string Returning = "RETURNING id, account_id, subject, event_type, url, payload, attempts";

    private const string SqliteClaim = $"""
        UPDATE webhook_messages SET attempts = attempts + 1, next_attempt_at = @lease_until
        WHERE id IN (SELECT id FROM webhook_messages WHERE status = 'pending' AND next_attempt_at <= @now ORDER BY next_attempt_at LIMIT @limit)
        {Returning}
        """;

    private const string PostgresClaim = $"""
        UPDATE webhook_messages SET attempts = attempts + 1, next_attempt_at = @lease_until
        WHERE id IN (SELECT id FROM webhook_messages WHERE status = 'pending' AND next_attempt_at <= @now
                     ORDER BY next_attempt_at LIMIT @limit FOR UPDATE SKIP LOCKED)
        {Returning}
        """;

    public async Task<List<ClaimedMessage>> ClaimAsync(int limit, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken)
    {
        var claimed = new List<ClaimedMessage>(limit);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var reader = await connection.Command(database.IsSqlite ? SqliteClaim : PostgresClaim)
            .With("@now", now.ToUnixTimeMilliseconds())
            .With("@lease_until", (now + lease).ToUnixTimeMilliseconds())
            .With("@limit", limit)
            .ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add(new ClaimedMessage(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetInt32(6)));
        }

        return claimed;
    }

    /// <summary>
    /// Writes a batch of outcomes in one transaction: each attempt row, and its message's next state
    /// (delivered, failed, or pending again at <c>next</c>). One commit per batch rather than per attempt is what
    /// lets a burst of deliveries go faster than SQLite's commit rate (see WebhookDeliveryBenchmark).
    /// </summary>
    public async Task CompleteAsync(IReadOnlyList<(AttemptOutcome Outcome, string Status, DateTimeOffset? Next)> batch, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await TesseraDatabase.BeginWriteAsync(connection, cancellationToken);
        await using var insert = connection.Command("""
            INSERT INTO webhook_attempts (message_id, attempt, started_at, status_code, latency_ms, error, response_excerpt)
            VALUES (@id, @attempt, @started_at, @status_code, @latency_ms, @error, @excerpt)
            """, transaction);
        await using var update = connection.Command("""
            UPDATE webhook_messages SET status = @status, next_attempt_at = @next, finished_at = @finished
            WHERE id = @id AND attempts = @attempt AND status = 'pending'
            """, transaction);
        foreach (var (outcome, status, next) in batch)
        {
            var message = outcome.Message;
            Set(insert, ("@id", message.Id), ("@attempt", message.Attempt), ("@started_at", outcome.StartedAt.ToUnixTimeMilliseconds()),
                ("@status_code", outcome.StatusCode), ("@latency_ms", outcome.LatencyMs), ("@error", outcome.Error), ("@excerpt", outcome.ResponseExcerpt));
            await insert.ExecuteNonQueryAsync(cancellationToken);
            Set(update, ("@status", status), ("@next", next?.ToUnixTimeMilliseconds()),
                ("@finished", status == WebhookStatus.Pending ? null : now.ToUnixTimeMilliseconds()), ("@id", message.Id), ("@attempt", message.Attempt));
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Sets a reused command's parameters (added on first use), so each row costs no new command.</summary>
    private static void Set(DbCommand command, params (string Name, object? Value)[] values)
    {
        foreach (var (name, value) in values)
        {
            if (command.Parameters.Contains(name))
            {
                command.Parameters[name].Value = value ?? DBNull.Value;
            }
            else
            {
                command.With(name, value);
            }
        }
    }
}
