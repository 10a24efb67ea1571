-- Operator review of flagged placements (issue #12): an operator takes a placement down by setting it 'removed', a
-- status that does not block its square (the R*Tree trigger drops its box, so the square is for sale again) and does
-- not render. SQLite cannot change a CHECK constraint in place, so the table is rebuilt: placement_flags (which
-- references it, ON DELETE CASCADE) is copied aside first, so dropping the old table deletes no flag; rows keep their
-- pk, so placement_boxes (keyed by pk) stays valid as it is. The triggers and indexes are those of 0035.
CREATE TABLE placement_flags_0046 AS SELECT placement_pk, ip, created_at FROM placement_flags;
DROP TABLE placement_flags;
ALTER TABLE placements RENAME TO placements_0046;
DROP INDEX ix_placements_seq;
DROP INDEX ix_placements_pending;
DROP INDEX ix_placements_pending_ip;
DROP INDEX ix_placements_pending_account;
DROP TRIGGER placements_refuse_overlap_on_insert;
DROP TRIGGER placements_box_on_insert;
DROP TRIGGER placements_refuse_overlap_on_unblock;
DROP TRIGGER placements_box_on_block;
DROP TRIGGER placements_box_on_release;

CREATE TABLE placements (
    pk integer PRIMARY KEY,
    id text NOT NULL UNIQUE,
    canvas text NOT NULL,
    x integer NOT NULL CHECK (x >= 0),
    y integer NOT NULL CHECK (y >= 0),
    size integer NOT NULL CHECK (size > 0),
    status text NOT NULL CHECK (status IN ('pending_payment', 'active', 'expired', 'hidden', 'removed')),
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
INSERT INTO placements (pk, id, canvas, x, y, size, status, sats, image_hash, agent_image_hash, preview, agent_preview, url, message, agent_identity, payment_hash, invoice, expires_at, reserved_ip, reserved_account, flags, created_at, paid_at, updated_at, seq)
SELECT pk, id, canvas, x, y, size, status, sats, image_hash, agent_image_hash, preview, agent_preview, url, message, agent_identity, payment_hash, invoice, expires_at, reserved_ip, reserved_account, flags, created_at, paid_at, updated_at, seq FROM placements_0046;
DROP TABLE placements_0046;

CREATE INDEX ix_placements_seq ON placements (canvas, seq, pk);
CREATE INDEX ix_placements_pending ON placements (canvas, expires_at) WHERE status = 'pending_payment';
CREATE INDEX ix_placements_pending_ip ON placements (reserved_ip) WHERE status = 'pending_payment';
CREATE INDEX ix_placements_pending_account ON placements (reserved_account) WHERE status = 'pending_payment';

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
INSERT INTO placement_flags (placement_pk, ip, created_at) SELECT placement_pk, ip, created_at FROM placement_flags_0046;
DROP TABLE placement_flags_0046;
