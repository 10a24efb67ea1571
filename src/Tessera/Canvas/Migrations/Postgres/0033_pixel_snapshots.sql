-- The raster of a pixel canvas as of seq, compressed (see PixelSnapshot), written by compaction; start-up loads it and
-- replays only the log after it, and log rows at or below it may be deleted. history_pruned_seq: pixel_history is
-- pruned to its depth for every pixel written up to that seq.
CREATE TABLE pixel_snapshots (
    canvas text NOT NULL PRIMARY KEY,
    seq bigint NOT NULL,
    created_at bigint NOT NULL,
    history_pruned_seq bigint NOT NULL,
    data bytea NOT NULL
);
