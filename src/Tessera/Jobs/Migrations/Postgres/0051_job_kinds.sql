-- Jobs of any kind (docs/jobs.md "Kinds and prices"): a job has a kind, names a model only when it is a generation job,
-- and is priced in any ledger currency or not at all. Existing rows are generation jobs priced in credits.
ALTER TABLE jobs ADD COLUMN kind text NOT NULL DEFAULT 'generation';
-- The price's currency (a ledger currency), or null for a job that costs nothing; cost is in its minor units.
ALTER TABLE jobs ADD COLUMN price_currency text;
UPDATE jobs SET price_currency = 'credits';
ALTER TABLE jobs ALTER COLUMN model DROP NOT NULL;
ALTER TABLE jobs ADD CONSTRAINT ck_jobs_generation_model CHECK (kind <> 'generation' OR model IS NOT NULL);
ALTER TABLE jobs ADD CONSTRAINT ck_jobs_unpriced CHECK (price_currency IS NOT NULL OR (cost = 0 AND hold_id IS NULL));
