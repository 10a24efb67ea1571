-- Operator settings (the operator key's hash lives here) and HTTP idempotency records.
CREATE TABLE settings (
    name text PRIMARY KEY,
    value text NOT NULL
);

CREATE TABLE idempotent_requests (
    account_id text NOT NULL,
    idempotency_key text NOT NULL,
    request_hash text NOT NULL,
    status integer NOT NULL,
    content_type text,
    body bytea NOT NULL,
    created_at bigint NOT NULL,
    PRIMARY KEY (account_id, idempotency_key)
);
CREATE INDEX ix_idempotent_requests_created ON idempotent_requests (created_at);
