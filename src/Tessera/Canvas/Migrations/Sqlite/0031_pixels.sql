-- Pixel state as an append-only log: one row per committed write (a single pixel or a bulk of up to 1000), its
-- pixels packed in one blob (see PixelPayload). seq counts the writes of one canvas, 1, 2, 3 ... without gaps: it is
-- assigned under the canvas's write lock, so every node can apply the log in order. The log is the change feed,
-- the history (who, when; a pixel's old value is its previous write) and, replayed, the current state that each node
-- keeps in memory. One row per write, not per pixel, is what lets a 1000-pixel bulk commit as one small insert.
CREATE TABLE pixel_writes (
    canvas text NOT NULL,
    seq bigint NOT NULL,
    account_id text NOT NULL,
    created_at bigint NOT NULL,
    pixel_count integer NOT NULL,
    payload blob NOT NULL,
    PRIMARY KEY (canvas, seq)
) WITHOUT ROWID;
