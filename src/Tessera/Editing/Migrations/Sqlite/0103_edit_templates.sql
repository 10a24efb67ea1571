-- Live Editor templates (docs/pixels-ocean.md, "Live Editor"): an edit without its base image, kept as the JSON the
-- caller sent (checked when saved and again when a batch uses it).
CREATE TABLE edit_templates (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id text NOT NULL,
    name text NOT NULL,
    edit text NOT NULL,
    created_at bigint NOT NULL
);
CREATE INDEX ix_edit_templates_account ON edit_templates (account_id, id);
