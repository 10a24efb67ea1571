-- Per-pixel history, written in the same transaction as the log row: one row per pixel a write changed (repeats inside
-- a bulk are collapsed first, so (canvas, x, y, seq) is unique). It keeps the value before and after, so a pixel's
-- history stays complete after its older rows are pruned to Tessera:Canvas:Pixels:HistoryDepth. Colours are 0xRRGGBB
-- (null: unpainted), links the https URL or null. The seq index finds the pixels written since the last prune.
CREATE TABLE pixel_history (
    canvas text NOT NULL,
    x integer NOT NULL,
    y integer NOT NULL,
    seq bigint NOT NULL,
    account_id text NOT NULL,
    created_at bigint NOT NULL,
    old_color integer NULL,
    old_url text NULL,
    new_color integer NULL,
    new_url text NULL,
    PRIMARY KEY (canvas, x, y, seq)
) WITHOUT ROWID;

CREATE INDEX pixel_history_seq ON pixel_history (canvas, seq);
