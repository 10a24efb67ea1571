-- Durable job queue (docs/jobs.md). Times are epoch milliseconds; cost and credits are thousandths of a credit.
-- A rowid table (not WITHOUT ROWID): inputs are JSON that can be large, and WITHOUT ROWID suits small rows only.
CREATE TABLE jobs (
    id text PRIMARY KEY,
    surface text NOT NULL,
    account_id text NOT NULL,
    model text NOT NULL,
    input text NOT NULL,
    status text NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'canceled')),
    cancel_requested integer NOT NULL DEFAULT 0,
    attempts integer NOT NULL DEFAULT 0,
    max_attempts integer NOT NULL,
    engine_index integer NOT NULL DEFAULT 0,
    run_after bigint NOT NULL,
    lease_owner text,
    lease_expires_at bigint,
    deadline_at bigint,
    hold_id text,
    cost bigint NOT NULL DEFAULT 0,
    engine text,
    metadata text,
    error_code text,
    error_message text,
    webhook_url text,
    -- Written in the transaction that makes the job terminal: the one resolution its hold may ever get.
    hold_resolution text CHECK (hold_resolution IN ('post', 'void')),
    hold_resolved_at bigint,
    hooks_pending integer NOT NULL DEFAULT 0,
    -- Set while a terminal job still owes a hold resolution or hook calls: when the sweep should finish it.
    followup_at bigint,
    created_at bigint NOT NULL,
    started_at bigint,
    completed_at bigint,
    expires_at bigint NOT NULL,
    expired_at bigint
);
-- The claim reads one of these two small partial indexes: due queued jobs, and running jobs whose lease lapsed.
CREATE INDEX ix_jobs_queued ON jobs (run_after) WHERE status = 'queued';
CREATE INDEX ix_jobs_leased ON jobs (lease_expires_at) WHERE status = 'running';
CREATE INDEX ix_jobs_account ON jobs (account_id, id);
CREATE INDEX ix_jobs_followup ON jobs (followup_at) WHERE followup_at IS NOT NULL;
CREATE INDEX ix_jobs_expiry ON jobs (expires_at) WHERE expired_at IS NULL;

CREATE TABLE job_outputs (
    job_id text NOT NULL REFERENCES jobs (id),
    idx integer NOT NULL,
    role text NOT NULL,
    blob_hash text NOT NULL,
    content_type text NOT NULL,
    size bigint NOT NULL,
    created_at bigint NOT NULL,
    PRIMARY KEY (job_id, idx)
) WITHOUT ROWID;
-- A blob is deleted only when no output row names it any more.
CREATE INDEX ix_job_outputs_blob ON job_outputs (blob_hash);

-- Idempotency-Key of a submit: (account, key) → the job it made, for 24 hours.
CREATE TABLE job_idempotency (
    account_id text NOT NULL,
    idempotency_key text NOT NULL,
    job_id text NOT NULL,
    credits_remaining bigint NOT NULL,
    created_at bigint NOT NULL,
    PRIMARY KEY (account_id, idempotency_key)
) WITHOUT ROWID;
CREATE INDEX ix_job_idempotency_created ON job_idempotency (created_at);

-- Values every node must share, e.g. the output URL signing key when configuration sets none.
CREATE TABLE job_settings (
    name text PRIMARY KEY,
    value text NOT NULL
) WITHOUT ROWID;
