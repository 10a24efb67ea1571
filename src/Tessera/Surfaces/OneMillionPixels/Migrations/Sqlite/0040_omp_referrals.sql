-- One Million Pixels referrals and conversions.
-- A referral view: one row per (promo code, fingerprint), fingerprints stored only as SHA-256. `counted` is 1 when the
-- view was credited to the agent (0: over the per-IP daily cap); `credited` turns 1 once the ledger grant committed
-- (a retry of a view whose grant was lost re-grants with the same idempotency key); `hits` counts repeats.
CREATE TABLE omp_referral_views (
    promo_code text NOT NULL,
    fingerprint_hash text NOT NULL,
    agent_account_id text NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    ip text NOT NULL,
    counted integer NOT NULL,
    credited integer NOT NULL,
    hits bigint NOT NULL,
    created_at bigint NOT NULL,
    PRIMARY KEY (promo_code, fingerprint_hash)
);

-- Counted views per promo code, client address and UTC day (against fingerprint farming); incremented with a guarded
-- upsert, so racing views from one address never exceed the cap.
CREATE TABLE omp_referral_ip_days (
    promo_code text NOT NULL,
    ip text NOT NULL,
    day bigint NOT NULL,
    views integer NOT NULL,
    PRIMARY KEY (promo_code, ip, day)
);

-- A conversion of pixel credits into a square claim made with an Idempotency-Key: its replay answers the same.
CREATE TABLE omp_conversions (
    account_id text NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    idempotency_key text NOT NULL,
    claim_id bigint NOT NULL,
    x integer NOT NULL,
    y integer NOT NULL,
    size integer NOT NULL,
    spent bigint NOT NULL,
    created_at bigint NOT NULL,
    PRIMARY KEY (account_id, idempotency_key)
);
