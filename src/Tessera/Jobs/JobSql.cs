namespace Tessera.Jobs;

/// <summary>The job module's hand-written SQL. Shared by both providers except the claim, which is the hot, provider-specific part.</summary>
internal static class JobSql
{
    /// <summary>Every column <see cref="JobStore"/> reads, in reader order; <paramref name="table"/> qualifies them where a join makes names ambiguous.</summary>
    public static string Columns(string table = "") => string.Join(", ", ColumnNames.Select(name => table + name));

    private static readonly string[] ColumnNames =
    [
        "id", "surface", "account_id", "model", "input", "status", "attempts", "max_attempts", "engine_index", "hold_id", "cost",
        "engine", "metadata", "error_code", "error_message", "webhook_url", "cancel_requested", "hooks_pending", "created_at",
        "started_at", "completed_at", "deadline_at", "expires_at", "expired_at", "run_after", "hold_resolution", "hold_resolved_at",
        "lease_owner", "kind", "price_currency",
    ];

    public const string Insert = """
        INSERT INTO jobs (id, kind, surface, account_id, model, input, status, max_attempts, run_after, deadline_at, hold_id,
                          price_currency, cost, webhook_url, created_at, expires_at)
        VALUES (@id, @kind, @surface, @account, @model, @input, 'queued', @max_attempts, @now, @deadline, @hold, @currency, @cost,
                @webhook, @now, @expires)
        """;

    public static readonly string Find = $"SELECT {Columns()} FROM jobs WHERE id = @id";

    public static readonly string Page = $"""
        SELECT {Columns()} FROM jobs WHERE account_id = @account AND id < @cursor ORDER BY id DESC LIMIT @limit
        """;

    public const string Outputs = """
        SELECT job_id, idx, role, blob_hash, content_type, size, created_at FROM job_outputs WHERE job_id = @id ORDER BY idx
        """;

    public const string Output = """
        SELECT job_id, idx, role, blob_hash, content_type, size, created_at FROM job_outputs WHERE job_id = @id AND idx = @idx
        """;

    private const string ClaimSet = """
        status = 'running', lease_owner = @owner, lease_expires_at = @lease, attempts = attempts + 1, started_at = COALESCE(started_at, @now)
        """;

    /// <summary>
    /// SQLite: one UPDATE claims up to @n jobs — due queued ones first, then running ones whose lease lapsed (their worker
    /// died). The single writer makes it atomic; each arm walks its own partial index (ix_jobs_queued, ix_jobs_leased).
    /// </summary>
    public static readonly string ClaimSqlite = $"""
        UPDATE jobs SET {ClaimSet}
        WHERE id IN (
            SELECT id FROM (SELECT id FROM jobs WHERE status = 'queued' AND run_after <= @now ORDER BY run_after LIMIT @n)
            UNION ALL
            SELECT id FROM (SELECT id FROM jobs WHERE status = 'running' AND lease_expires_at <= @now ORDER BY lease_expires_at LIMIT @n)
            LIMIT @n)
        RETURNING {Columns()}
        """;

    /// <summary>PostgreSQL: the same claim; <c>FOR UPDATE SKIP LOCKED</c> lets nodes claim side by side without waiting on each other's rows.</summary>
    public static readonly string ClaimPostgres = $"""
        WITH due AS (
            SELECT id FROM jobs WHERE status = 'queued' AND run_after <= @now ORDER BY run_after LIMIT @n FOR UPDATE SKIP LOCKED),
        lapsed AS (
            SELECT id FROM jobs WHERE status = 'running' AND lease_expires_at <= @now ORDER BY lease_expires_at LIMIT @n FOR UPDATE SKIP LOCKED),
        picked AS (SELECT id AS picked_id FROM due UNION ALL SELECT id FROM lapsed LIMIT @n)
        UPDATE jobs SET {ClaimSet}
        FROM picked WHERE jobs.id = picked.picked_id
        RETURNING {Columns("jobs.")}
        """;

    public const string Heartbeat = """
        UPDATE jobs SET lease_expires_at = @lease WHERE id = @id AND lease_owner = @owner AND status = 'running' RETURNING cancel_requested
        """;

    public const string Requeue = """
        UPDATE jobs SET status = 'queued', lease_owner = NULL, lease_expires_at = NULL, run_after = @run_after,
                        engine_index = @engine_index, attempts = @attempts, engine = @engine, error_code = @code, error_message = @message
        WHERE id = @id AND lease_owner = @owner AND status = 'running'
        """;

    /// <summary>Makes a running job terminal — only while this worker still holds its lease, so each job finishes once.</summary>
    public const string Complete = """
        UPDATE jobs SET status = @status, hold_resolution = @resolution, engine = @engine, metadata = @metadata,
                        error_code = @code, error_message = @message, completed_at = @now, lease_owner = NULL, lease_expires_at = NULL,
                        hooks_pending = @hooks, followup_at = @followup
        WHERE id = @id AND lease_owner = @owner AND status = 'running'
        """;

    public const string CancelQueued = """
        UPDATE jobs SET status = 'canceled', hold_resolution = @resolution, error_code = 'canceled', error_message = @message,
                        completed_at = @now, hooks_pending = @hooks, followup_at = @followup
        WHERE id = @id AND status = 'queued'
        """;

    /// <summary>The hold was resolved in the terminal transaction itself: nothing left for the finisher but the hooks (if any).</summary>
    public const string HoldSettled = "UPDATE jobs SET hold_resolved_at = @now, followup_at = @followup WHERE id = @id";

    public const string RequestCancel = "UPDATE jobs SET cancel_requested = 1 WHERE id = @id AND status = 'running'";

    public const string InsertOutput = """
        INSERT INTO job_outputs (job_id, idx, role, blob_hash, content_type, size, created_at)
        VALUES (@id, @idx, @role, @hash, @type, @size, @now)
        """;

    public const string Finished = """
        UPDATE jobs SET hold_resolved_at = @resolved, hooks_pending = @hooks, followup_at = @followup WHERE id = @id
        """;

    /// <summary>Terminal jobs whose hold or hooks are overdue: pushed forward first so two sweeping nodes rarely take the same one.</summary>
    public static readonly string ClaimFollowups = $"""
        UPDATE jobs SET followup_at = @next
        WHERE id IN (SELECT id FROM jobs WHERE followup_at <= @now ORDER BY followup_at LIMIT @n) AND followup_at <= @now
        RETURNING {Columns()}
        """;

    public const string DueForExpiry = """
        SELECT id FROM jobs WHERE expires_at <= @now AND expired_at IS NULL AND status IN ('succeeded', 'failed', 'canceled')
        ORDER BY expires_at LIMIT @n
        """;

    public const string OutputHashes = "SELECT blob_hash FROM job_outputs WHERE job_id = @id";

    public const string DeleteOutputs = "DELETE FROM job_outputs WHERE job_id = @id";

    public const string MarkExpired = "UPDATE jobs SET expired_at = @now WHERE id = @id AND expired_at IS NULL";

    public const string BlobInUse = "SELECT COUNT(*) FROM job_outputs WHERE blob_hash = @hash";

    public const string InsertSetting = "INSERT INTO job_settings (name, value) VALUES (@name, @value) ON CONFLICT (name) DO NOTHING";

    public const string Setting = "SELECT value FROM job_settings WHERE name = @name";
}
