-- Delivery fairness (docs/webhooks.md, issue #11): each message records its destination host, so a worker can cap
-- deliveries in flight per host as well as per account. New rows get the URL's host from C# (Uri.IdnHost, no port);
-- rows already queued get the URL's authority, which is as good for capping.
ALTER TABLE webhook_messages ADD COLUMN host text NOT NULL DEFAULT '';
UPDATE webhook_messages SET host = lower(coalesce(substring(url from '://([^/?#]*)'), ''))
WHERE status = 'pending';
