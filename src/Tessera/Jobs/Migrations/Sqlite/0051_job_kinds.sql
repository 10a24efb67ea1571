-- Jobs of any kind (docs/jobs.md "Kinds and prices"): a job has a kind, names a model only when it is a generation job,
-- and is priced in any ledger currency or not at all. Existing rows are generation jobs priced in credits.
-- SQLite cannot drop NOT NULL from a column, so the table is rebuilt. job_outputs references jobs and foreign keys are
-- on (and cannot be switched off inside the migration's transaction), so its rows wait in a copy without the reference
-- while jobs is replaced.
CREATE TABLE jobs_rebuilt (
    id text PRIMARY KEY,
    kind text NOT NULL DEFAULT 'generation',
    surface text NOT NULL,
    account_id text NOT NULL,
    model text,
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
    -- The price's currency (a ledger currency), or null for a job that costs nothing; cost is in its minor units.
    price_currency text,
    cost bigint NOT NULL DEFAULT 0,
    engine text,
    metadata text,
    error_code text,
    error_message text,
    webhook_url text,
    hold_resolution text CHECK (hold_resolution IN ('post', 'void')),
    hold_resolved_at bigint,
    hooks_pending integer NOT NULL DEFAULT 0,
    followup_at bigint,
    created_at bigint NOT NULL,
    started_at bigint,
    completed_at bigint,
    expires_at bigint NOT NULL,
    expired_at bigint,
    CHECK (kind <> 'generation' OR model IS NOT NULL),
    CHECK (price_currency IS NOT NULL OR (cost = 0 AND hold_id IS NULL))
);
INSERT INTO jobs_rebuilt (
    id, kind, surface, account_id, model, input, status, cancel_requested, attempts, max_attempts, engine_index, run_after,
    lease_owner, lease_expires_at, deadline_at, hold_id, price_currency, cost, engine, metadata, error_code, error_message,
    webhook_url, hold_resolution, hold_resolved_at, hooks_pending, followup_at, created_at, started_at, completed_at,
    expires_at, expired_at)
SELECT
    id, 'generation', surface, account_id, model, input, status, cancel_requested, attempts, max_attempts, engine_index, run_after,
    lease_owner, lease_expires_at, deadline_at, hold_id, 'credits', cost, engine, metadata, error_code, error_message,
    webhook_url, hold_resolution, hold_resolved_at, hooks_pending, followup_at, created_at, started_at, completed_at,
    expires_at, expired_at
FROM jobs;

CREATE TABLE job_outputs_kept (
    job_id text NOT NULL, idx integer NOT NULL, role text NOT NULL, blob_hash text NOT NULL, content_type text NOT NULL,
    size bigint NOT NULL, created_at bigint NOT NULL);
INSERT INTO job_outputs_kept SELECT job_id, idx, role, blob_hash, content_type, size, created_at FROM job_outputs;
DROP TABLE job_outputs;
DROP TABLE jobs;
ALTER TABLE jobs_rebuilt RENAME TO jobs;

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
CREATE INDEX ix_job_outputs_blob ON job_outputs (blob_hash);
INSERT INTO job_outputs SELECT job_id, idx, role, blob_hash, content_type, size, created_at FROM job_outputs_kept;
DROP TABLE job_outputs_kept;
