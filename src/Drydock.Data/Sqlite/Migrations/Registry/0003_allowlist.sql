-- The CVE allowlist of each namespace: a vulnerability id (or any alias of it) that does not count toward the
-- namespace's pull and admission policy. Expiry is compared with the clock when a decision is made, so an expired
-- entry stops applying at once and stays listed (as expired) until someone deletes it.
CREATE TABLE allowlist_entries (
    namespace        TEXT NOT NULL REFERENCES namespaces (name) ON DELETE CASCADE,
    -- Stored as given after normalisation (CVE and GHSA prefixes upper case); matched case-insensitively.
    vulnerability_id TEXT NOT NULL COLLATE NOCASE,
    reason           TEXT NOT NULL,
    added_by         TEXT NOT NULL,
    added_at         INTEGER NOT NULL,
    -- Unix milliseconds; NULL never expires.
    expires_at       INTEGER,
    PRIMARY KEY (namespace, vulnerability_id)
) WITHOUT ROWID;
