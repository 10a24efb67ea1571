-- Expected answers are no longer kept in clear (docs/secrets.md): `expected` now holds a keyed hash (hmac1:...) of the
-- answer's key, and `form` the public format data (labels, separator) the judge needs. Clear answers from before are
-- erased; the sessions still waiting for them are expired (their answers can no longer be judged), so a client asks for
-- a new session, which a session's few minutes of life make cheap.
ALTER TABLE verification_challenges ADD COLUMN form text NOT NULL DEFAULT '';
UPDATE verification_sessions SET expires_at = 0 WHERE answered_at IS NULL;
UPDATE verification_challenges SET expected = '' WHERE expected NOT LIKE 'hmac1:%';
