-- Recurring scrapes (docs/automation.md). next_run is when the next run is due (epoch ms); a node claims a due run with
-- one conditional UPDATE that moves next_run on and records the run's job id in run_job_id, so no two nodes fire it.
-- run_job_id stays set until the job is submitted: a node that died in between leaves it, and the run is finished
-- (the job looked up by that id, submitted only if it is missing) once run_claimed_at is older than the lease.
CREATE TABLE automation_schedules (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id text NOT NULL,
    surface text NOT NULL,
    name text NOT NULL,
    url text NOT NULL,
    cadence text NOT NULL CHECK (cadence IN ('daily', 'weekly', 'monthly')),
    hour integer NOT NULL,
    day_of_week integer,
    max_files integer NOT NULL,
    sniper_mode integer NOT NULL,
    ai_labeling integer NOT NULL,
    enabled integer NOT NULL,
    next_run bigint NOT NULL,
    run_job_id text,
    run_due bigint,
    run_claimed_at bigint,
    last_run_at bigint,
    last_job_id text,
    last_error text,
    runs bigint NOT NULL DEFAULT 0,
    created_at bigint NOT NULL
);
CREATE INDEX ix_automation_schedules_account ON automation_schedules (account_id, id);
CREATE INDEX ix_automation_schedules_due ON automation_schedules (next_run) WHERE enabled = 1;
CREATE INDEX ix_automation_schedules_pending ON automation_schedules (run_claimed_at) WHERE run_job_id IS NOT NULL;
