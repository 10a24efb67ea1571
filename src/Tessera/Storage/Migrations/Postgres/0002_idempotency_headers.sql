-- The response headers an idempotent replay repeats (Location, WWW-Authenticate, Payment-Receipt ...), as a JSON object.
ALTER TABLE idempotent_requests ADD COLUMN headers text;
