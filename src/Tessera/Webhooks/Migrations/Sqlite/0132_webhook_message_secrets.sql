-- A message may carry its own signing secret (encrypted, purpose webhooks.message-secret) for a surface header signed
-- with the receiver's own secret (Ocean's X-Ocean-Signature); null for messages signed only with the account's secret.
ALTER TABLE webhook_messages ADD COLUMN own_secret text;
