-- Ownership of pixel canvases: rectangles owned by accounts, half-open [x, x+width) x [y, y+height), never
-- overlapping on one canvas. Claims are made one canvas at a time under a lock (SQLite: the write lock;
-- PostgreSQL: the canvas's row in canvas_locks, FOR UPDATE), and the overlap check runs inside that lock.
CREATE TABLE canvas_locks (
    canvas text PRIMARY KEY
);

CREATE TABLE canvas_claims (
    id integer PRIMARY KEY,
    canvas text NOT NULL,
    account_id text NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    x integer NOT NULL CHECK (x >= 0),
    y integer NOT NULL CHECK (y >= 0),
    width integer NOT NULL CHECK (width > 0),
    height integer NOT NULL CHECK (height > 0),
    created_at bigint NOT NULL
);
CREATE INDEX ix_canvas_claims_canvas ON canvas_claims (canvas, x);
CREATE INDEX ix_canvas_claims_account ON canvas_claims (account_id);
