-- Operating the registry (issue 17): online garbage collection, tag immutability and retention rules per namespace,
-- and pull statistics per manifest.

-- When a repository last gained the blob (upload finished or mount). Online garbage collection keeps a blob linked
-- within its grace period even when no manifest references it yet: its push is still in progress.
ALTER TABLE blobs ADD COLUMN linked_at TEXT;

-- A push over an existing tag matching both patterns is refused (DENIED), and so is deleting such a tag.
CREATE TABLE immutability_rules (
    id                  TEXT PRIMARY KEY,
    namespace           TEXT NOT NULL REFERENCES namespaces (name) ON DELETE CASCADE,
    repository_pattern  TEXT NOT NULL,
    tag_pattern         TEXT NOT NULL,
    created_at          TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX immutability_rules_namespace ON immutability_rules (namespace);

-- Which tags a retention run keeps in the repositories the rule names; tags that no rule of the namespace keeps go.
-- keep: most-recent (count), pushed-within (days), pulled-within (days), matching (the tag pattern alone).
CREATE TABLE retention_rules (
    id                  TEXT PRIMARY KEY,
    namespace           TEXT NOT NULL REFERENCES namespaces (name) ON DELETE CASCADE,
    repository_pattern  TEXT NOT NULL,
    tag_pattern         TEXT NOT NULL,
    keep                TEXT NOT NULL,
    count               INTEGER,
    days                INTEGER,
    created_at          TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX retention_rules_namespace ON retention_rules (namespace);

-- Pulls per manifest, flushed from memory in batches (one write per manifest per flush, not per pull).
CREATE TABLE pull_stats (
    repository_id   INTEGER NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
    digest          TEXT NOT NULL,
    pull_count      INTEGER NOT NULL,
    last_pulled_at  TEXT NOT NULL,
    PRIMARY KEY (repository_id, digest)
) WITHOUT ROWID;
