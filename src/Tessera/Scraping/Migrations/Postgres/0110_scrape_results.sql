-- A scrape's result answers the same account's same URL and options again for a while (docs/scraping.md): the key is
-- a SHA-256 of the normalised options; the job is the one that did (or is doing) the work.
CREATE TABLE scrape_results (
    account_id text NOT NULL,
    request_key text NOT NULL,
    job_id text NOT NULL,
    created_at bigint NOT NULL,
    PRIMARY KEY (account_id, request_key)
);
