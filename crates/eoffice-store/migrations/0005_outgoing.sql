-- Schema version 5: outgoing documents (issue 8). The books table gains
-- the normative flag: legal normative documents have an outgoing book of
-- their own (domain.md §5), so the book's identity is now
-- (agency, direction, year, secret, normative). SQLite cannot change a
-- table's UNIQUE constraint in place; the table is rebuilt (foreign keys
-- are off for the rebuild and checked before commit, see db.rs).
CREATE TABLE books_v5 (
    id           TEXT PRIMARY KEY,
    agency_id    TEXT NOT NULL REFERENCES agency(id),
    direction    TEXT NOT NULL CHECK (direction IN ('incoming', 'outgoing', 'internal')),
    year         INTEGER NOT NULL,
    secret       INTEGER NOT NULL DEFAULT 0 CHECK (secret IN (0, 1)),
    name         TEXT NOT NULL,
    last_number  INTEGER NOT NULL DEFAULT 0,
    closed_at    TEXT,
    normative    INTEGER NOT NULL DEFAULT 0 CHECK (normative IN (0, 1)),
    UNIQUE (agency_id, direction, year, secret, normative)
);
INSERT INTO books_v5 (id, agency_id, direction, year, secret, name, last_number, closed_at)
SELECT id, agency_id, direction, year, secret, name, last_number, closed_at FROM books;
DROP TABLE books;
ALTER TABLE books_v5 RENAME TO books;

-- One row per outgoing document: the folded domain state as JSON (versions,
-- comments, approvals, the issue) and the columns lists filter on.
CREATE TABLE outgoing (
    seq          INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    agency_id    TEXT NOT NULL REFERENCES agency(id),
    stage        TEXT NOT NULL,
    type_name    TEXT NOT NULL,
    subject      TEXT NOT NULL,
    author       TEXT NOT NULL,
    reviewer     TEXT,
    signer       TEXT,
    priority     INTEGER NOT NULL DEFAULT 0 CHECK (priority BETWEEN 0 AND 4),
    secrecy      TEXT CHECK (secrecy IN ('mat', 'toi_mat', 'tuyet_mat')),
    book_id      TEXT REFERENCES books(id),
    number       INTEGER,
    symbol       TEXT,
    issued_date  TEXT,
    state        TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    UNIQUE (book_id, number)
);
-- "Chờ ký" and the other queues: by stage and the person it waits for.
CREATE INDEX outgoing_queue ON outgoing (stage, signer, updated_at);
CREATE INDEX outgoing_author ON outgoing (author, stage, updated_at);

-- The verification of a signed incoming PDF, kept with the document
-- (domain.md §8): the JSON report, and the one-line verdict lists show.
ALTER TABLE incoming ADD COLUMN signatures TEXT;
ALTER TABLE incoming ADD COLUMN signature_verdict TEXT CHECK (signature_verdict IN ('valid', 'invalid', 'untrusted'));

-- The roots the agency trusts when it verifies signed PDFs (the Government
-- CA's, public CAs'), as DER, added by an administrator or the clerk.
CREATE TABLE trust_roots (
    sha256    TEXT PRIMARY KEY,
    der       BLOB NOT NULL,
    subject   TEXT NOT NULL,
    not_after TEXT,
    added_by  TEXT NOT NULL,
    added_at  TEXT NOT NULL
);
