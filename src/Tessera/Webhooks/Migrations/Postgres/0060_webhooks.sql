-- Webhooks (docs/webhooks.md): one signing secret per account, the outbox, and every delivery attempt.
-- The secret is kept as given to the account (whsec_ + base64): every node must sign with it. After a rotation
-- the previous one keeps signing beside it until previous_expires_at (zero-downtime rotation).
CREATE TABLE webhook_secrets (
    account_id text PRIMARY KEY,
    secret text NOT NULL,
    previous_secret text,
    previous_expires_at bigint,
    created_at bigint NOT NULL
);

-- A message is one event for one URL. While pending, next_attempt_at is when it is due; a worker claims it by
-- bumping attempts and pushing next_attempt_at past its lease, so the attempt number is also the fencing token.
CREATE TABLE webhook_messages (
    id text PRIMARY KEY,
    account_id text NOT NULL,
    subject text NOT NULL,
    event_type text NOT NULL,
    url text NOT NULL,
    payload text NOT NULL,
    status text NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts integer NOT NULL DEFAULT 0,
    next_attempt_at bigint,
    created_at bigint NOT NULL,
    finished_at bigint
);
CREATE INDEX ix_webhook_messages_due ON webhook_messages (next_attempt_at) WHERE status = 'pending';
CREATE INDEX ix_webhook_messages_subject ON webhook_messages (subject, created_at);

CREATE TABLE webhook_attempts (
    message_id text NOT NULL REFERENCES webhook_messages (id),
    attempt integer NOT NULL,
    started_at bigint NOT NULL,
    status_code integer,
    latency_ms integer NOT NULL,
    error text,
    response_excerpt text,
    PRIMARY KEY (message_id, attempt)
);
