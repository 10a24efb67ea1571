-- Placements of placement-mode canvases (Billion Satoshi): squares [x, x+size) x [y, y+size) sold whole. A placement
-- blocks its square while pending_payment, active or hidden; no two blocking placements of a canvas overlap. The
-- database enforces it with an exclusion constraint on a closed box over inclusive integer corners
-- (box(point(x, y), point(x+size-1, y+size-1))), so squares that share an edge do not conflict; a violation is
-- SQLSTATE 23P01, which the service reports as region_taken. Writers also check inside their transaction first.
-- seq is the canvas's change feed: every write transaction stamps the rows it changes with the next seq (assigned
-- under the canvas's row lock in canvas_locks, so in commit order); nodes poll seq > last to stay current.
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE placements (
    pk bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id text NOT NULL UNIQUE,
    canvas text NOT NULL,
    x integer NOT NULL CHECK (x >= 0),
    y integer NOT NULL CHECK (y >= 0),
    size integer NOT NULL CHECK (size > 0),
    status text NOT NULL CHECK (status IN ('pending_payment', 'active', 'expired', 'hidden')),
    sats bigint NOT NULL,
    image_hash text NOT NULL,
    agent_image_hash text,
    preview bytea NOT NULL,
    agent_preview bytea,
    url text,
    message text,
    agent_identity text,
    payment_hash text NOT NULL UNIQUE,
    invoice text NOT NULL,
    expires_at bigint NOT NULL,
    reserved_ip text,
    reserved_account text,
    flags integer NOT NULL DEFAULT 0,
    created_at bigint NOT NULL,
    paid_at bigint,
    updated_at bigint NOT NULL,
    seq bigint NOT NULL,
    blocking boolean GENERATED ALWAYS AS (status IN ('pending_payment', 'active', 'hidden')) STORED,
    area box GENERATED ALWAYS AS (box(point(x, y), point(x + size - 1, y + size - 1))) STORED,
    CONSTRAINT placements_no_overlap EXCLUDE USING gist (canvas WITH =, area WITH &&) WHERE (blocking)
);
CREATE INDEX ix_placements_seq ON placements (canvas, seq, pk);
CREATE INDEX ix_placements_pending ON placements (canvas, expires_at) WHERE status = 'pending_payment';
CREATE INDEX ix_placements_pending_ip ON placements (reserved_ip) WHERE status = 'pending_payment';
CREATE INDEX ix_placements_pending_account ON placements (reserved_account) WHERE status = 'pending_payment';

-- One flag per IP per placement.
CREATE TABLE placement_flags (
    placement_pk bigint NOT NULL REFERENCES placements (pk) ON DELETE CASCADE,
    ip text NOT NULL,
    created_at bigint NOT NULL,
    PRIMARY KEY (placement_pk, ip)
);
