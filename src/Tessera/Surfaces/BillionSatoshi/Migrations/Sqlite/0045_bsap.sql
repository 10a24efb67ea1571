-- Billion Satoshi surface state that must survive restarts and hold on every node: the key that binds MPP challenge
-- ids to their parameters (made once, on first use) and the moment the agent layer was revealed (the canvas reached
-- 95% once; the reveal is permanent even if placements are hidden later).
CREATE TABLE bsap_state (
    name text PRIMARY KEY,
    value text NOT NULL,
    created_at bigint NOT NULL
);
