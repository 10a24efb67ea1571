-- Double-entry ledger (docs/ledger.md). Amounts are integers in minor units (thousandths; millisats for sats).
-- An account is (owner, currency, pool, shard): users have shard 0; system owners ('@issuance', '@revenue')
-- are split into shards so concurrent transfers of different users do not queue on one hot row.
CREATE TABLE ledger_accounts (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    owner_id text NOT NULL,
    currency text NOT NULL,
    pool text NOT NULL DEFAULT '',
    shard integer NOT NULL DEFAULT 0,
    system integer NOT NULL DEFAULT 0 CHECK (system IN (0, 1)),
    debits_posted bigint NOT NULL DEFAULT 0 CHECK (debits_posted >= 0),
    credits_posted bigint NOT NULL DEFAULT 0 CHECK (credits_posted >= 0),
    debits_pending bigint NOT NULL DEFAULT 0 CHECK (debits_pending >= 0),
    credits_pending bigint NOT NULL DEFAULT 0 CHECK (credits_pending >= 0),
    -- Backstop: the conditional UPDATEs refuse overdrafts first; this makes one impossible.
    CHECK (system = 1 OR credits_posted - debits_posted - debits_pending >= 0),
    UNIQUE (owner_id, currency, pool, shard)
);

CREATE TABLE ledger_transfers (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    debit_account_id bigint NOT NULL REFERENCES ledger_accounts (id),
    credit_account_id bigint NOT NULL REFERENCES ledger_accounts (id),
    amount bigint NOT NULL CHECK (amount > 0),
    kind text NOT NULL,
    hold_id text,
    reason text,
    created_at bigint NOT NULL
);
-- No per-account or per-hold index: every index costs each write a page, and only the audit reads transfers
-- (in grouped scans). Add one with the first feature that lists an account's statement.

-- A pending transfer of up to two legs (credits: monthly first, then purchased) to one credit account.
CREATE TABLE ledger_holds (
    id text PRIMARY KEY,
    owner_id text NOT NULL,
    currency text NOT NULL,
    credit_account_id bigint NOT NULL REFERENCES ledger_accounts (id),
    debit1_account_id bigint NOT NULL REFERENCES ledger_accounts (id),
    amount1 bigint NOT NULL CHECK (amount1 >= 0),
    debit2_account_id bigint REFERENCES ledger_accounts (id),
    amount2 bigint NOT NULL DEFAULT 0 CHECK (amount2 >= 0),
    amount bigint NOT NULL CHECK (amount > 0 AND amount = amount1 + amount2),
    status text NOT NULL CHECK (status IN ('pending', 'posted', 'voided', 'expired')),
    posted_amount bigint NOT NULL DEFAULT 0 CHECK (posted_amount >= 0 AND posted_amount <= amount),
    expires_at bigint NOT NULL,
    created_at bigint NOT NULL,
    resolved_at bigint
);
CREATE INDEX ix_ledger_holds_pending ON ledger_holds (expires_at) WHERE status = 'pending';

-- Idempotency: one row per (owner, key), written in the transaction of the operation it records.
CREATE TABLE ledger_operations (
    owner_id text NOT NULL,
    idempotency_key text NOT NULL,
    kind text NOT NULL,
    ref_id text NOT NULL,
    currency text NOT NULL,
    amount bigint NOT NULL,
    status text NOT NULL,
    created_at bigint NOT NULL,
    PRIMARY KEY (owner_id, idempotency_key)
);

CREATE TABLE ledger_plans (
    owner_id text PRIMARY KEY,
    monthly_credits bigint NOT NULL CHECK (monthly_credits >= 0),
    billing_day integer NOT NULL CHECK (billing_day BETWEEN 1 AND 28),
    updated_at bigint NOT NULL
);

-- One row per (owner, period 'YYYY-MM'): the monthly refresh runs once per period, on any number of nodes.
CREATE TABLE ledger_refreshes (
    owner_id text NOT NULL,
    period text NOT NULL,
    expired bigint NOT NULL,
    granted bigint NOT NULL,
    at bigint NOT NULL,
    PRIMARY KEY (owner_id, period)
);
