-- Scan jobs (a queue claimed with leases) and the latest result per manifest.
-- Times used for lease arithmetic are unix milliseconds, so comparisons are plain integer comparisons.

CREATE TABLE scan_jobs (
    id              TEXT PRIMARY KEY,
    repository      TEXT NOT NULL,
    manifest_digest TEXT NOT NULL,
    reference       TEXT NOT NULL,
    -- Queued, Scanning, Success, Failed, Unsupported.
    status          TEXT NOT NULL,
    reason          TEXT,
    attempts        INTEGER NOT NULL DEFAULT 0,
    -- A queued job is not claimed before this time (retry backoff).
    not_before      INTEGER NOT NULL,
    lease_owner     TEXT,
    lease_until     INTEGER,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    finished_at     INTEGER
) WITHOUT ROWID;
CREATE INDEX scan_jobs_claimable ON scan_jobs (status, not_before) WHERE status IN ('Queued', 'Scanning');
CREATE INDEX scan_jobs_manifest ON scan_jobs (repository, manifest_digest);

-- The latest outcome per manifest: the inventory (JSON, matched again when advisories change) and its summary.
CREATE TABLE scan_results (
    repository      TEXT NOT NULL,
    manifest_digest TEXT NOT NULL,
    status          TEXT NOT NULL,
    reason          TEXT,
    summary         TEXT NOT NULL,
    inventory       TEXT,
    scanned_at      INTEGER NOT NULL,
    PRIMARY KEY (repository, manifest_digest)
) WITHOUT ROWID;
