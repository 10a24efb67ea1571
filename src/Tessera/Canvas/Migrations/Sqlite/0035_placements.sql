-- Placements of placement-mode canvases (Billion Satoshi): squares [x, x+size) x [y, y+size) sold whole. A placement
-- blocks its square while pending_payment, active or hidden; no two blocking placements of a canvas overlap. The
-- database enforces it: placement_boxes is an R*Tree of the blocking squares (inclusive integer corners, so squares
-- that share an edge do not meet), kept by the triggers below, and a trigger refuses a row that would make a blocking
-- square overlap another ('placement_overlap'). Writers also check inside their BEGIN IMMEDIATE transaction first.
-- seq is the canvas's change feed: every write transaction stamps the rows it changes with the next seq (assigned
-- under the write lock, so in commit order); nodes poll seq > last to keep their in-memory index and renders current.
CREATE TABLE placements (
    pk integer PRIMARY KEY,
    id text NOT NULL UNIQUE,
    canvas text NOT NULL,
    x integer NOT NULL CHECK (x >= 0),
    y integer NOT NULL CHECK (y >= 0),
    size integer NOT NULL CHECK (size > 0),
    status text NOT NULL CHECK (status IN ('pending_payment', 'active', 'expired', 'hidden')),
    sats bigint NOT NULL,
    image_hash text NOT NULL,
    agent_image_hash text,
    preview blob NOT NULL,
    agent_preview blob,
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
    seq bigint NOT NULL
);
CREATE INDEX ix_placements_seq ON placements (canvas, seq, pk);
CREATE INDEX ix_placements_pending ON placements (canvas, expires_at) WHERE status = 'pending_payment';
CREATE INDEX ix_placements_pending_ip ON placements (reserved_ip) WHERE status = 'pending_payment';
CREATE INDEX ix_placements_pending_account ON placements (reserved_account) WHERE status = 'pending_payment';

CREATE VIRTUAL TABLE placement_boxes USING rtree_i32 (pk, min_x, max_x, min_y, max_y, +canvas);

CREATE TRIGGER placements_refuse_overlap_on_insert BEFORE INSERT ON placements
WHEN NEW.status IN ('pending_payment', 'active', 'hidden')
BEGIN
    SELECT RAISE(ABORT, 'placement_overlap') WHERE EXISTS (
        SELECT 1 FROM placement_boxes b
        WHERE b.min_x <= NEW.x + NEW.size - 1 AND b.max_x >= NEW.x AND b.min_y <= NEW.y + NEW.size - 1 AND b.max_y >= NEW.y
          AND b.canvas = NEW.canvas);
END;

CREATE TRIGGER placements_box_on_insert AFTER INSERT ON placements
WHEN NEW.status IN ('pending_payment', 'active', 'hidden')
BEGIN
    INSERT INTO placement_boxes (pk, min_x, max_x, min_y, max_y, canvas)
    VALUES (NEW.pk, NEW.x, NEW.x + NEW.size - 1, NEW.y, NEW.y + NEW.size - 1, NEW.canvas);
END;

CREATE TRIGGER placements_refuse_overlap_on_unblock BEFORE UPDATE OF status ON placements
WHEN NEW.status IN ('pending_payment', 'active', 'hidden') AND OLD.status NOT IN ('pending_payment', 'active', 'hidden')
BEGIN
    SELECT RAISE(ABORT, 'placement_overlap') WHERE EXISTS (
        SELECT 1 FROM placement_boxes b
        WHERE b.min_x <= NEW.x + NEW.size - 1 AND b.max_x >= NEW.x AND b.min_y <= NEW.y + NEW.size - 1 AND b.max_y >= NEW.y
          AND b.canvas = NEW.canvas);
END;

CREATE TRIGGER placements_box_on_block AFTER UPDATE OF status ON placements
WHEN NEW.status IN ('pending_payment', 'active', 'hidden') AND OLD.status NOT IN ('pending_payment', 'active', 'hidden')
BEGIN
    INSERT INTO placement_boxes (pk, min_x, max_x, min_y, max_y, canvas)
    VALUES (NEW.pk, NEW.x, NEW.x + NEW.size - 1, NEW.y, NEW.y + NEW.size - 1, NEW.canvas);
END;

CREATE TRIGGER placements_box_on_release AFTER UPDATE OF status ON placements
WHEN OLD.status IN ('pending_payment', 'active', 'hidden') AND NEW.status NOT IN ('pending_payment', 'active', 'hidden')
BEGIN
    DELETE FROM placement_boxes WHERE pk = OLD.pk;
END;

-- One flag per IP per placement.
CREATE TABLE placement_flags (
    placement_pk integer NOT NULL REFERENCES placements (pk) ON DELETE CASCADE,
    ip text NOT NULL,
    created_at bigint NOT NULL,
    PRIMARY KEY (placement_pk, ip)
) WITHOUT ROWID;
