-- Accounts (users, anonymous agents), their API keys and sub-keys, and the feed of key changes
-- that tells every node to drop a cached key (revocation reaches other nodes within a poll interval).
CREATE TABLE accounts (
    id text PRIMARY KEY,
    name text NOT NULL,
    kind text NOT NULL CHECK (kind IN ('user', 'agent')),
    status text NOT NULL CHECK (status IN ('active', 'suspended')),
    created_at bigint NOT NULL
);

CREATE TABLE agents (
    account_id text PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    fingerprint_hash text NOT NULL UNIQUE,
    public_key text NOT NULL UNIQUE,
    created_at bigint NOT NULL
);

CREATE TABLE api_keys (
    id text PRIMARY KEY,
    account_id text NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    parent_key_id text REFERENCES api_keys (id) ON DELETE CASCADE,
    name text,
    prefix text NOT NULL,
    hash bytea NOT NULL,
    scopes text,
    status text NOT NULL CHECK (status IN ('active', 'deactivated', 'revoked')),
    credit_limit bigint,
    used bigint NOT NULL DEFAULT 0,
    expires_at bigint,
    created_at bigint NOT NULL,
    CHECK (credit_limit IS NULL OR used <= credit_limit)
);
CREATE INDEX ix_api_keys_account ON api_keys (account_id);
CREATE INDEX ix_api_keys_parent ON api_keys (parent_key_id);

CREATE TABLE auth_changes (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    key_id text,
    account_id text,
    at bigint NOT NULL
);
CREATE INDEX ix_auth_changes_at ON auth_changes (at);
