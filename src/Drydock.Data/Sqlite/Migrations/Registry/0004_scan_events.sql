-- What keeps scan results current and tells the outside about them (ADR 0006):
-- the detector set and the finding keys of each stored result, webhooks per namespace and their delivery outbox.

-- The detectors (name@version, one per line, sorted) the inventory was made with; a result made with another set
-- is indexed again rather than matched again. NULL for results stored before this migration (they are re-indexed).
ALTER TABLE scan_results ADD COLUMN detector_set TEXT;

-- The findings of the last match, one "vulnerability-id package version" key per line, so a database update can
-- tell which findings are new. NULL when the result was never matched.
ALTER TABLE scan_results ADD COLUMN finding_keys TEXT;

CREATE TABLE webhooks (
    id          TEXT PRIMARY KEY,
    namespace   TEXT NOT NULL REFERENCES namespaces (name) ON DELETE CASCADE,
    url         TEXT NOT NULL,
    -- The HMAC-SHA256 key; written once, never returned by the API.
    secret      TEXT NOT NULL,
    -- The events subscribed to, comma-separated (scan.completed, scan.failed, vulnerabilities.new).
    events      TEXT NOT NULL,
    created_at  INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX webhooks_namespace ON webhooks (namespace);

-- The outbox: one row per event and webhook, written when the event happens and sent by a dispatcher that claims
-- due rows with a lease, so a restart neither loses nor doubles a delivery it had not finished.
CREATE TABLE webhook_deliveries (
    id              TEXT PRIMARY KEY,
    webhook_id      TEXT NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    event           TEXT NOT NULL,
    payload         TEXT NOT NULL,
    -- Pending, Delivered, Failed.
    status          TEXT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    status_code     INTEGER,
    last_error      TEXT,
    next_attempt_at INTEGER NOT NULL,
    lease_owner     TEXT,
    lease_until     INTEGER,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    delivered_at    INTEGER
) WITHOUT ROWID;
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at) WHERE status = 'Pending';
CREATE INDEX webhook_deliveries_webhook ON webhook_deliveries (webhook_id, created_at);
