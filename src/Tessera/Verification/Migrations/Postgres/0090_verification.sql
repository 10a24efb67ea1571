-- The reverse Turing test (Verification module). A session holds three challenges whose expected answers never
-- leave the server; answering it once (answered_at set by a conditional UPDATE) issues one token, stored as SHA-256.
CREATE TABLE verification_sessions (
    id text PRIMARY KEY,
    client_ip text NOT NULL,
    created_at bigint NOT NULL,
    expires_at bigint NOT NULL,
    answered_at bigint,
    score integer
);
CREATE INDEX ix_verification_sessions_expires ON verification_sessions (expires_at);

CREATE TABLE verification_challenges (
    id text PRIMARY KEY,
    session_id text NOT NULL REFERENCES verification_sessions (id) ON DELETE CASCADE,
    position integer NOT NULL,
    category text NOT NULL,
    template text NOT NULL,
    prompt text NOT NULL,
    expected text NOT NULL,
    answer text,
    reported_time_ms bigint,
    correct integer,
    points double precision
);
CREATE INDEX ix_verification_challenges_session ON verification_challenges (session_id);

-- spent_at is set once, by the UPDATE ... WHERE spent_at IS NULL that creates a reservation.
CREATE TABLE verification_tokens (
    token_hash text PRIMARY KEY,
    session_id text NOT NULL UNIQUE REFERENCES verification_sessions (id) ON DELETE CASCADE,
    score integer NOT NULL,
    passes integer NOT NULL,
    created_at bigint NOT NULL,
    expires_at bigint NOT NULL,
    spent_at bigint
);
CREATE INDEX ix_verification_tokens_expires ON verification_tokens (expires_at);
