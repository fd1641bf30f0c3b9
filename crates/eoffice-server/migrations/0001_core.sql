-- Server schema version 1: the provincial directory (agencies, units,
-- users), sessions, the number authority (books), documents, the
-- per-agency change feed and the command ledger that makes a resent
-- command harmless. The server shares no table with the desktop cache.

CREATE TABLE agencies (
    id          TEXT PRIMARY KEY,               -- mã định danh, 000.00.00.H37
    name        TEXT NOT NULL,
    abbr        TEXT NOT NULL,
    -- The head of the agency's change feed: its last sequence and hash.
    -- Every feed append locks this row, so the sequence is gap-free and
    -- monotonic per agency whichever instance writes.
    feed_seq    BIGINT NOT NULL DEFAULT 0,
    feed_head   TEXT NOT NULL DEFAULT '0000000000000000000000000000000000000000000000000000000000000000',
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE units (
    agency_id  TEXT NOT NULL REFERENCES agencies(id),
    code       TEXT NOT NULL,
    name       TEXT NOT NULL,
    PRIMARY KEY (agency_id, code)
);

CREATE TABLE users (
    id             UUID PRIMARY KEY,
    agency_id      TEXT NOT NULL REFERENCES agencies(id),
    username       TEXT NOT NULL UNIQUE,
    full_name      TEXT NOT NULL,
    role           TEXT NOT NULL CHECK (role IN ('clerk', 'leader', 'unit_head', 'specialist', 'admin')),
    unit_code      TEXT,
    password_hash  TEXT NOT NULL,               -- Argon2id, PHC string
    disabled       BOOLEAN NOT NULL DEFAULT false,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    FOREIGN KEY (agency_id, unit_code) REFERENCES units(agency_id, code)
);

-- Tokens are stored as SHA-256 hashes only.
CREATE TABLE sessions (
    id                UUID PRIMARY KEY,
    user_id           UUID NOT NULL REFERENCES users(id),
    access_hash       TEXT NOT NULL UNIQUE,
    access_expires    TIMESTAMPTZ NOT NULL,
    refresh_hash      TEXT NOT NULL UNIQUE,
    refresh_expires   TIMESTAMPTZ NOT NULL,
    revoked_at        TIMESTAMPTZ,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- A refresh token that was rotated away; presenting it again means it was
-- stolen, and the session is revoked.
CREATE TABLE rotated_refresh (
    refresh_hash  TEXT PRIMARY KEY,
    session_id    UUID NOT NULL REFERENCES sessions(id)
);

CREATE TABLE login_failures (
    key  TEXT NOT NULL,                          -- 'user:<name>' or 'addr:<ip>'
    at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX login_failures_key ON login_failures (key, at);

CREATE TABLE books (
    id           TEXT PRIMARY KEY,               -- <agency>/incoming-2026
    agency_id    TEXT NOT NULL REFERENCES agencies(id),
    direction    TEXT NOT NULL CHECK (direction IN ('incoming', 'outgoing', 'internal')),
    year         INTEGER NOT NULL,
    secret       BOOLEAN NOT NULL DEFAULT false,
    name         TEXT NOT NULL,
    last_number  INTEGER NOT NULL DEFAULT 0,
    closed_at    TIMESTAMPTZ,
    UNIQUE (agency_id, direction, year, secret)
);

CREATE TABLE blobs (
    sha256      TEXT PRIMARY KEY,
    size        BIGINT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- Which agencies may read a blob: the uploader's, and those whose
-- documents refer to it.
CREATE TABLE blob_access (
    sha256     TEXT NOT NULL REFERENCES blobs(sha256),
    agency_id  TEXT NOT NULL REFERENCES agencies(id),
    PRIMARY KEY (sha256, agency_id)
);

CREATE TABLE documents (
    id              UUID PRIMARY KEY,
    agency_id       TEXT NOT NULL REFERENCES agencies(id),
    book_id         TEXT NOT NULL REFERENCES books(id),
    arrival_number  INTEGER NOT NULL,
    arrival_sub     TEXT NOT NULL DEFAULT '',
    arrival_date    DATE NOT NULL,
    state           TEXT NOT NULL,
    duplicate_key   TEXT,
    snapshot        JSONB NOT NULL,             -- the document as its last event says
    blob_sha256     TEXT REFERENCES blobs(sha256),
    body_text       TEXT NOT NULL DEFAULT '',
    UNIQUE (book_id, arrival_number, arrival_sub)
);
CREATE INDEX documents_duplicates ON documents (agency_id, duplicate_key);

-- Every command a client pushed, decided once. The client's UUID is the key.
CREATE TABLE commands (
    id          UUID PRIMARY KEY,
    agency_id   TEXT NOT NULL REFERENCES agencies(id),
    user_id     UUID NOT NULL REFERENCES users(id),
    client_id   TEXT NOT NULL,
    name        TEXT NOT NULL,
    result      JSONB NOT NULL,
    decided_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The agency's change feed: the event log that clients pull, hash-chained
-- per agency with the same canonical encoding as the desktop log.
CREATE TABLE feed (
    agency_id   TEXT NOT NULL REFERENCES agencies(id),
    seq         BIGINT NOT NULL,
    id          UUID NOT NULL UNIQUE,
    stream      TEXT NOT NULL,
    stream_version BIGINT NOT NULL,             -- 1, 2, 3 … within the stream
    actor_id    TEXT NOT NULL,
    actor_name  TEXT NOT NULL,
    at          TEXT NOT NULL,                  -- RFC 3339, Vietnam time
    name        TEXT NOT NULL,
    version     INTEGER NOT NULL,
    command_id  UUID,
    payload     TEXT NOT NULL,                  -- canonical JSON
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL,
    PRIMARY KEY (agency_id, seq),
    UNIQUE (agency_id, stream, stream_version)
);

CREATE RULE feed_no_update AS ON UPDATE TO feed DO INSTEAD NOTHING;
CREATE RULE feed_no_delete AS ON DELETE TO feed DO INSTEAD NOTHING;
