-- Delivery fairness (docs/webhooks.md, issue #11): each message records its destination host, so a worker can cap
-- deliveries in flight per host as well as per account. New rows get the URL's host from C# (Uri.IdnHost, no port);
-- rows already queued get the URL's authority, the part between "://" and the next "/", which is as good for capping.
ALTER TABLE webhook_messages ADD COLUMN host text NOT NULL DEFAULT '';
UPDATE webhook_messages SET host = lower(CASE
    WHEN instr(substr(url, instr(url, '://') + 3), '/') > 0
        THEN substr(substr(url, instr(url, '://') + 3), 1, instr(substr(url, instr(url, '://') + 3), '/') - 1)
    ELSE substr(url, instr(url, '://') + 3) END)
WHERE status = 'pending';
