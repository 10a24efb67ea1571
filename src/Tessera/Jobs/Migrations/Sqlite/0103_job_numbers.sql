-- Whole-number ids for jobs of surfaces whose docs show them (Pixels Ocean: "job_id": 1024; DECISIONS.md). The queue's own
-- id stays the key; a number is given to a job once, right after it is queued (docs/jobs.md).
CREATE TABLE job_numbers (
    number INTEGER PRIMARY KEY AUTOINCREMENT,
    job_id text NOT NULL UNIQUE,
    account_id text NOT NULL
);
