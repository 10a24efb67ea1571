-- The colour search reads the Lab grid cells its box touches (LabCells: 12.5 per axis), not a range on L alone;
-- the tag filter reads (account, tag) → asset ids from the index alone.
ALTER TABLE media_colors ADD COLUMN cell integer NOT NULL DEFAULT 0;
UPDATE media_colors SET cell =
    CAST(LEAST(GREATEST(FLOOR(l / 12.5), 0), 20) AS integer) * 10000
  + CAST(LEAST(GREATEST(FLOOR((a + 128) / 12.5), 0), 20) AS integer) * 100
  + CAST(LEAST(GREATEST(FLOOR((b + 128) / 12.5), 0), 20) AS integer);
DROP INDEX ix_media_colors_account;
CREATE INDEX ix_media_colors_cell ON media_colors (account_id, cell, share, asset_id, l, a, b);
DROP INDEX ix_media_tags_account;
CREATE INDEX ix_media_tags_account ON media_tags (account_id, tag, asset_id);
