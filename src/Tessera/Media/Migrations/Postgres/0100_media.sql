-- The media library (docs/pixels-ocean.md). An asset is one account's entry for a blob; blobs are content-addressed
-- (media_assets.blob_hash names a file in the blob store), so the same bytes uploaded twice are stored once, and a
-- purge deletes the blob only when no asset names it any more. Ids are integers, as the Pixels Ocean doc shows them.
-- One row per stored blob with the number of assets naming it. An upload counts itself in and a purge out in the same
-- transaction as its asset row; a blob is deleted only by the transaction that deletes its row at zero, so an upload of
-- the same bytes racing a purge either keeps the row alive or writes the file again after (docs/pixels-ocean.md).
CREATE TABLE media_blobs (
    hash text PRIMARY KEY,
    size bigint NOT NULL,
    refs integer NOT NULL
);

CREATE TABLE media_assets (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id text NOT NULL,
    blob_hash text NOT NULL,
    name text NOT NULL,
    file_name text NOT NULL,
    group_name text,
    folder_id bigint,
    kind text NOT NULL CHECK (kind IN ('image', 'video', 'document')),
    content_type text NOT NULL,
    size bigint NOT NULL,
    width integer,
    height integer,
    tags text NOT NULL DEFAULT '[]',
    colors text,
    phash bigint,
    ocr_text text,
    labels text,
    mirror_url text,
    analysis text NOT NULL DEFAULT 'pending' CHECK (analysis IN ('pending', 'done', 'failed')),
    created_at bigint NOT NULL,
    updated_at bigint NOT NULL,
    trashed_at bigint
);
CREATE INDEX ix_media_assets_account ON media_assets (account_id, trashed_at, id);
CREATE INDEX ix_media_assets_blob ON media_assets (blob_hash);
CREATE INDEX ix_media_assets_pending ON media_assets (id) WHERE analysis = 'pending';
CREATE INDEX ix_media_assets_trashed ON media_assets (trashed_at) WHERE trashed_at IS NOT NULL;

-- The tags again, one row each, for the tag filter (the asset's own order stays in media_assets.tags).
CREATE TABLE media_tags (
    asset_id bigint NOT NULL REFERENCES media_assets (id) ON DELETE CASCADE,
    account_id text NOT NULL,
    tag text NOT NULL,
    PRIMARY KEY (asset_id, tag)
);
CREATE INDEX ix_media_tags_account ON media_tags (account_id, tag);

-- Dominant colours in CIELAB, several per asset, for the colour search's box prefilter before CIEDE2000.
CREATE TABLE media_colors (
    asset_id bigint NOT NULL REFERENCES media_assets (id) ON DELETE CASCADE,
    account_id text NOT NULL,
    rank integer NOT NULL,
    l double precision NOT NULL,
    a double precision NOT NULL,
    b double precision NOT NULL,
    share double precision NOT NULL,
    PRIMARY KEY (asset_id, rank)
);
CREATE INDEX ix_media_colors_account ON media_colors (account_id, l);

CREATE TABLE media_folders (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id text NOT NULL,
    name text NOT NULL,
    created_at bigint NOT NULL,
    UNIQUE (account_id, name)
);

CREATE TABLE media_collections (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id text NOT NULL,
    name text NOT NULL,
    description text,
    share_token text UNIQUE,
    share_public boolean NOT NULL DEFAULT false,
    share_password text,
    created_at bigint NOT NULL
);
CREATE INDEX ix_media_collections_account ON media_collections (account_id, id);

CREATE TABLE media_collection_items (
    collection_id bigint NOT NULL REFERENCES media_collections (id) ON DELETE CASCADE,
    asset_id bigint NOT NULL REFERENCES media_assets (id) ON DELETE CASCADE,
    added_at bigint NOT NULL,
    PRIMARY KEY (collection_id, asset_id)
);

-- Full text over name, tags, group, OCR text and labels: a weighted tsvector ('simple': names and tags are not prose
-- in one language), kept by the store whenever a field it covers changes.
ALTER TABLE media_assets ADD COLUMN search tsvector NOT NULL DEFAULT ''::tsvector;
CREATE INDEX ix_media_assets_search ON media_assets USING gin (search);
