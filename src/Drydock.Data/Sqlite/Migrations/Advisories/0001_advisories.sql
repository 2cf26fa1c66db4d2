-- The advisory database (vulndb.sqlite): records per source, their package statements and ranges,
-- per-source update state, and the database revision reports cite.
CREATE TABLE source_state (
    name          TEXT PRIMARY KEY,
    fingerprint   TEXT,
    last_attempt  TEXT,
    last_success  TEXT,
    record_count  INTEGER NOT NULL DEFAULT 0,
    error         TEXT
);

CREATE TABLE advisory (
    key              INTEGER PRIMARY KEY,
    source           TEXT NOT NULL,
    id               TEXT NOT NULL,
    aliases          TEXT,
    summary          TEXT,
    description      TEXT,
    severity         INTEGER NOT NULL,
    cvss             TEXT,
    refs             TEXT,
    cwes             TEXT,
    published        TEXT,
    modified         TEXT,
    withdrawn        TEXT,
    kev              TEXT,
    epss_score       REAL,
    epss_percentile  REAL,
    epss_date        TEXT
);
CREATE INDEX advisory_source ON advisory (source);
CREATE INDEX advisory_id ON advisory (id);

CREATE TABLE affected_package (
    key           INTEGER PRIMARY KEY,
    advisory      INTEGER NOT NULL,
    source        TEXT NOT NULL,
    ecosystem     TEXT NOT NULL,
    distribution  TEXT,
    name          TEXT NOT NULL,
    module        TEXT,
    status        INTEGER NOT NULL,
    severity      INTEGER,
    note          TEXT,
    versions      TEXT
);
CREATE INDEX affected_package_source ON affected_package (source);

CREATE TABLE affected_range (
    package        INTEGER NOT NULL,
    source         TEXT NOT NULL,
    introduced     TEXT,
    fixed          TEXT,
    last_affected  TEXT,
    limit_version  TEXT,
    type           TEXT NOT NULL,
    expression     TEXT
);
CREATE INDEX affected_range_package ON affected_range (package);
CREATE INDEX affected_range_source ON affected_range (source);

CREATE TABLE database_info (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);
