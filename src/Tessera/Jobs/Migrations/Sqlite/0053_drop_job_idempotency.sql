-- One idempotency mechanism (docs/idempotency.md): job submits honour Idempotency-Key through the HTTP middleware
-- (idempotent_requests) like every other route; the Jobs module's own key table goes.
DROP TABLE job_idempotency;
