-- The dev wallet: a regtest Lightning node simulated in the database, so every node of a cluster is the same node.
-- One row holds the node's key (made by whichever node starts first). Each invoice keeps its preimage; paying it sets
-- settled_at and settle_seq once, by a conditional UPDATE under a lock (SQLite's write lock; on PostgreSQL the node
-- row, FOR UPDATE). settle_seq numbers settlements 1, 2, 3 ... in commit order, so a node watching for settlements
-- reads every row after the last number it saw.
CREATE TABLE payments_dev_node (
    id integer PRIMARY KEY CHECK (id = 1),
    private_key text NOT NULL,
    public_key text NOT NULL,
    created_at bigint NOT NULL
);

CREATE TABLE payments_dev_invoices (
    payment_hash text PRIMARY KEY,
    preimage text NOT NULL,
    payment_secret text NOT NULL,
    bolt11 text NOT NULL,
    amount_msat bigint NOT NULL CHECK (amount_msat >= 0),
    description text NOT NULL,
    created_at bigint NOT NULL,
    expires_at bigint NOT NULL,
    settled_at bigint NULL,
    settle_seq bigint NULL UNIQUE
);
