-- Settings the Payments module keeps for every node: today the key that binds MPP challenge ids to their parameters
-- (encrypted, made once on first use). Billion Satoshi kept that key in its own bsap_state table; MPP is a Payments
-- rule, so the row moves here as it is (same name, same encrypted value, same purpose), and challenges issued before
-- the upgrade still verify.
CREATE TABLE payments_settings (
    name text PRIMARY KEY,
    value text NOT NULL,
    created_at bigint NOT NULL
);

INSERT INTO payments_settings (name, value, created_at)
SELECT name, value, created_at FROM bsap_state WHERE name = 'mpp_challenge_key';

DELETE FROM bsap_state WHERE name = 'mpp_challenge_key';
