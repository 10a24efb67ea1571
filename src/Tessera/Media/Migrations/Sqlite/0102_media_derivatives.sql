-- Optimised copies (docs/pixels-ocean.md): made on first request of a signed transform URL and kept, keyed by the
-- source blob and the exact transform; the bytes live in the media blob store like any blob. Deleted with their source.
CREATE TABLE media_derivatives (
    source_hash text NOT NULL,
    transform text NOT NULL,
    hash text NOT NULL,
    content_type text NOT NULL,
    size bigint NOT NULL,
    created_at bigint NOT NULL,
    PRIMARY KEY (source_hash, transform)
);
CREATE INDEX ix_media_derivatives_hash ON media_derivatives (hash);
