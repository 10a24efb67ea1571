-- Webhook registrations (docs/automation.md): where an account's job events go. The signing secret is stored encrypted
-- (ISecretProtector, purpose automation.webhook-secret); events is a space-separated list, null for every event.
CREATE TABLE automation_webhooks (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id text NOT NULL,
    surface text NOT NULL,
    url text NOT NULL,
    secret text,
    events text,
    created_at bigint NOT NULL
);
CREATE INDEX ix_automation_webhooks_account ON automation_webhooks (account_id, id);
