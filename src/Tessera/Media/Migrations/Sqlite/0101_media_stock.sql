-- Stock lists (docs/pixels-ocean.md): an account's lists of images found elsewhere (a URL, a title, where it came from),
-- to be saved into the library later. saved_media_id is the asset a save made from the item.
CREATE TABLE media_stock_lists (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id text NOT NULL,
    name text NOT NULL,
    created_at bigint NOT NULL
);
CREATE INDEX ix_media_stock_lists_account ON media_stock_lists (account_id, id);

CREATE TABLE media_stock_items (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    list_id bigint NOT NULL REFERENCES media_stock_lists (id) ON DELETE CASCADE,
    account_id text NOT NULL,
    url text NOT NULL,
    title text,
    source text,
    saved_media_id bigint,
    created_at bigint NOT NULL
);
CREATE INDEX ix_media_stock_items_list ON media_stock_items (list_id, id);
