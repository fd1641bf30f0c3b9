-- Schema version 1: agency, registry books, blobs, incoming documents and
-- the append-only, hash-chained event log.

CREATE TABLE agency (
    id            TEXT PRIMARY KEY,          -- mã định danh, 000.00.00.H37
    name          TEXT NOT NULL,
    abbreviation  TEXT,
    place         TEXT,                      -- địa danh for the date line
    created_at    TEXT NOT NULL
);

CREATE TABLE books (
    id           TEXT PRIMARY KEY,
    agency_id    TEXT NOT NULL REFERENCES agency(id),
    direction    TEXT NOT NULL CHECK (direction IN ('incoming', 'outgoing', 'internal')),
    year         INTEGER NOT NULL,
    secret       INTEGER NOT NULL DEFAULT 0 CHECK (secret IN (0, 1)),
    name         TEXT NOT NULL,
    last_number  INTEGER NOT NULL DEFAULT 0, -- highest main number issued
    closed_at    TEXT,
    UNIQUE (agency_id, direction, year, secret)
);

CREATE TABLE blobs (
    sha256      TEXT PRIMARY KEY,
    size        INTEGER NOT NULL,
    media_type  TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

CREATE TABLE incoming (
    seq                INTEGER PRIMARY KEY,   -- stable rowid, shared with the search index
    id                 TEXT NOT NULL UNIQUE,
    agency_id          TEXT NOT NULL REFERENCES agency(id),
    book_id            TEXT NOT NULL REFERENCES books(id),
    arrival_number     INTEGER NOT NULL,
    arrival_sub        TEXT NOT NULL DEFAULT '',
    arrival_date       TEXT NOT NULL,         -- YYYY-MM-DD
    arrival_year       INTEGER NOT NULL,
    state              TEXT NOT NULL,
    code_number        TEXT,
    code_notation      TEXT,
    type_name          TEXT,
    issued_date        TEXT,
    place              TEXT,
    organ_name         TEXT NOT NULL,
    parent_organ_name  TEXT,
    subject            TEXT NOT NULL,
    signer_competence  TEXT,
    signer_position    TEXT,
    signer_full_name   TEXT,
    priority           INTEGER NOT NULL DEFAULT 0 CHECK (priority BETWEEN 0 AND 4),
    secrecy            TEXT CHECK (secrecy IN ('mat', 'toi_mat', 'tuyet_mat')),
    to_places          TEXT NOT NULL DEFAULT '[]', -- JSON array
    addressees         TEXT NOT NULL DEFAULT '[]', -- JSON array
    page_amount        INTEGER,
    blob_sha256        TEXT REFERENCES blobs(sha256),
    file_name          TEXT,
    return_reason      TEXT,
    duplicate_key      TEXT,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    UNIQUE (book_id, arrival_number, arrival_sub)
);

-- Kept apart so that list queries never touch document text.
CREATE TABLE incoming_text (
    incoming_seq  INTEGER PRIMARY KEY REFERENCES incoming(seq),
    body          TEXT NOT NULL
);

CREATE TABLE events (
    seq           INTEGER PRIMARY KEY AUTOINCREMENT,
    id            TEXT NOT NULL UNIQUE,
    stream        TEXT NOT NULL,              -- the document or book the event belongs to
    actor         TEXT NOT NULL,
    at            TEXT NOT NULL,              -- RFC 3339 with offset
    command       TEXT NOT NULL,
    payload       TEXT NOT NULL,              -- JSON
    payload_hash  TEXT NOT NULL,
    prev_hash     TEXT NOT NULL,
    hash          TEXT NOT NULL
);
CREATE INDEX events_stream ON events (stream, seq);

CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
