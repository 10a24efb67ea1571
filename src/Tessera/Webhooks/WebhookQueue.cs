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
    private const string Returning = "RETURNING id, account_id, subject, event_type, url, payload, attempts, host, own_secret";

    // Fairness (issue #11): due messages are ranked within their account and within their host, each rank offset by
    // what that account or host already has in flight on this node (@account_inflight, @host_inflight: JSON objects
    // {key: count}), and only ranks within the caps are claimed, oldest first. So one account's (or one receiver's)
    // backlog takes at most its cap of the node's slots, and the rest go to everyone else's due messages. A ranking
    // counts rows the other cap then drops, so a cycle may claim fewer than the caps allow, never more.
    private const string SqliteClaim = $"""
        WITH inflight_account AS (SELECT key, value AS n FROM json_each(@account_inflight)),
             inflight_host AS (SELECT key, value AS n FROM json_each(@host_inflight)),
             ranked AS (
                SELECT m.id, m.next_attempt_at,
                       ROW_NUMBER() OVER (PARTITION BY m.account_id ORDER BY m.next_attempt_at, m.id) + COALESCE(a.n, 0) AS account_slot,
                       ROW_NUMBER() OVER (PARTITION BY m.host ORDER BY m.next_attempt_at, m.id) + COALESCE(h.n, 0) AS host_slot
                FROM webhook_messages m
                LEFT JOIN inflight_account a ON a.key = m.account_id
                LEFT JOIN inflight_host h ON h.key = m.host
                WHERE m.status = 'pending' AND m.next_attempt_at <= @now AND COALESCE(a.n, 0) < @per_account AND COALESCE(h.n, 0) < @per_host)
        UPDATE webhook_messages SET attempts = attempts + 1, next_attempt_at = @lease_until
        WHERE id IN (SELECT id FROM ranked WHERE account_slot <= @per_account AND host_slot <= @per_host ORDER BY next_attempt_at LIMIT @limit)
        {Returning}
        """;

    // The same ranking over the due rows this claimer could lock (SKIP LOCKED: another node's claim in progress is
    // passed over, as before); the outer WHERE is checked again on each row as it is updated, so a row another node
    // claimed meanwhile (next_attempt_at pushed past now) is not claimed twice.
    private const string PostgresClaim = $"""
        WITH due AS (
                SELECT m.id, m.account_id, m.host, m.next_attempt_at FROM webhook_messages m
                WHERE m.status = 'pending' AND m.next_attempt_at <= @now
                FOR UPDATE OF m SKIP LOCKED),
             inflight_account AS (SELECT key, value::int AS n FROM jsonb_each_text(CAST(@account_inflight AS jsonb))),
             inflight_host AS (SELECT key, value::int AS n FROM jsonb_each_text(CAST(@host_inflight AS jsonb))),
             ranked AS (
                SELECT d.id, d.next_attempt_at,
                       ROW_NUMBER() OVER (PARTITION BY d.account_id ORDER BY d.next_attempt_at, d.id) + COALESCE(a.n, 0) AS account_slot,
                       ROW_NUMBER() OVER (PARTITION BY d.host ORDER BY d.next_attempt_at, d.id) + COALESCE(h.n, 0) AS host_slot
                FROM due d
                LEFT JOIN inflight_account a ON a.key = d.account_id
                LEFT JOIN inflight_host h ON h.key = d.host
                WHERE COALESCE(a.n, 0) < @per_account AND COALESCE(h.n, 0) < @per_host)
        UPDATE webhook_messages SET attempts = attempts + 1, next_attempt_at = @lease_until
        WHERE id IN (SELECT id FROM ranked WHERE account_slot <= @per_account AND host_slot <= @per_host ORDER BY next_attempt_at LIMIT @limit)
          AND status = 'pending' AND next_attempt_at <= @now
        {Returning}
        """;

    public async Task<List<ClaimedMessage>> ClaimAsync(int limit, DateTimeOffset now, TimeSpan lease, DeliveryCaps caps, CancellationToken cancellationToken)
    {
        var claimed = new List<ClaimedMessage>(limit);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var reader = await connection.Command(database.IsSqlite ? SqliteClaim : PostgresClaim)
            .With("@now", now.ToUnixTimeMilliseconds())
            .With("@lease_until", (now + lease).ToUnixTimeMilliseconds())
            .With("@limit", limit)
            .With("@account_inflight", caps.AccountsJson)
            .With("@host_inflight", caps.HostsJson)
            .With("@per_account", caps.PerAccount)
            .With("@per_host", caps.PerHost)
            .ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add(new ClaimedMessage(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetInt32(6),
                reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetString(8)));
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
