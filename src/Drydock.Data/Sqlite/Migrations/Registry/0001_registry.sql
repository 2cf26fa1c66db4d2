-- Registry metadata: namespaces, repositories, blobs each repository has, manifests (exact bytes),
-- the blobs and child manifests they reference, tags and upload sessions.

CREATE TABLE namespaces (
    name        TEXT PRIMARY KEY,
    created_at  TEXT NOT NULL,
    -- Per-namespace settings kept for features that come later (auto-scan, policies): a JSON object.
    settings    TEXT NOT NULL DEFAULT '{}'
) WITHOUT ROWID;

CREATE TABLE repositories (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    namespace   TEXT NOT NULL REFERENCES namespaces (name),
    created_at  TEXT NOT NULL
);
CREATE INDEX repositories_namespace ON repositories (namespace);

CREATE TABLE blobs (
    digest      TEXT PRIMARY KEY,
    size        INTEGER NOT NULL,
    created_at  TEXT NOT NULL
) WITHOUT ROWID;

-- "The repository has this blob": what blob HEAD/GET, mounts and manifest validation look at.
CREATE TABLE repository_blobs (
    repository_id INTEGER NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
    digest        TEXT NOT NULL REFERENCES blobs (digest),
    PRIMARY KEY (repository_id, digest)
) WITHOUT ROWID;
CREATE INDEX repository_blobs_digest ON repository_blobs (digest);

CREATE TABLE manifests (
    repository_id INTEGER NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
    digest        TEXT NOT NULL,
    media_type    TEXT NOT NULL,
    content       BLOB NOT NULL,
    size          INTEGER NOT NULL,
    artifact_type TEXT,
    subject       TEXT,
    annotations   TEXT,
    created_at    TEXT NOT NULL,
    PRIMARY KEY (repository_id, digest)
);
CREATE INDEX manifests_subject ON manifests (repository_id, subject) WHERE subject IS NOT NULL;

-- kind 0: a config or layer blob; kind 1: a child manifest of an index.
CREATE TABLE manifest_references (
    repository_id   INTEGER NOT NULL,
    manifest_digest TEXT NOT NULL,
    digest          TEXT NOT NULL,
    kind            INTEGER NOT NULL,
    PRIMARY KEY (repository_id, manifest_digest, kind, digest),
    FOREIGN KEY (repository_id, manifest_digest) REFERENCES manifests (repository_id, digest) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX manifest_references_blob ON manifest_references (digest) WHERE kind = 0;

CREATE TABLE tags (
    repository_id   INTEGER NOT NULL,
    name            TEXT NOT NULL,
    manifest_digest TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    PRIMARY KEY (repository_id, name),
    FOREIGN KEY (repository_id, manifest_digest) REFERENCES manifests (repository_id, digest) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX tags_manifest ON tags (repository_id, manifest_digest);

CREATE TABLE uploads (
    id          TEXT PRIMARY KEY,
    repository  TEXT NOT NULL,
    started_at  TEXT NOT NULL
) WITHOUT ROWID;
