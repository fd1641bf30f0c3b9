-- Schema version 3: connected mode and a sync-ready event log.
--
-- In connected mode this database is a cache of the agency's slice on the
-- provincial server plus an outbox of commands not yet decided there.
-- The server's feed is kept verbatim (feed_events) so its hash chain can
-- be verified here; local-only changes (secret documents, standalone mode)
-- stay in `events`.

-- One row when the data folder is connected to a server.
CREATE TABLE connection (
    id             INTEGER PRIMARY KEY CHECK (id = 1),
    server         TEXT NOT NULL,
    client_id      TEXT NOT NULL,              -- this desktop, made at login
    user_id        TEXT NOT NULL,
    username       TEXT NOT NULL,
    full_name      TEXT NOT NULL,
    role           TEXT NOT NULL,
    unit_code      TEXT,
    access_token   TEXT,                       -- NULL once signed out
    refresh_token  TEXT,
    cursor         INTEGER NOT NULL DEFAULT 0, -- last feed seq applied
    feed_head      TEXT NOT NULL DEFAULT '0000000000000000000000000000000000000000000000000000000000000000',
    directory      TEXT NOT NULL DEFAULT '{}', -- units and users, as JSON
    last_sync      TEXT
);

-- Commands applied here at once and waiting for the server's decision.
CREATE TABLE outbox (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    id           TEXT NOT NULL UNIQUE,          -- the command UUID, the server's key
    name         TEXT NOT NULL,
    args         TEXT NOT NULL,                 -- JSON
    document_id  TEXT,
    blob_sha256  TEXT,
    prev_state   TEXT,                          -- to undo an optimistic change if refused
    state        TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'confirmed', 'rejected')),
    code         TEXT,
    reason       TEXT,                          -- Vietnamese, for the user
    created_at   TEXT NOT NULL,
    decided_at   TEXT
);
CREATE INDEX outbox_pending ON outbox (state, seq);

CREATE TABLE feed_events (
    seq         INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    agency_id   TEXT NOT NULL,
    stream      TEXT NOT NULL,
    stream_version INTEGER NOT NULL,
    actor_id    TEXT NOT NULL,
    actor_name  TEXT NOT NULL,
    at          TEXT NOT NULL,
    name        TEXT NOT NULL,
    version     INTEGER NOT NULL,
    command_id  TEXT,
    payload     TEXT NOT NULL,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
);
CREATE INDEX feed_events_stream ON feed_events (stream, seq);
CREATE TRIGGER feed_events_append_only_update BEFORE UPDATE ON feed_events
BEGIN SELECT RAISE(ABORT, 'the feed is append-only'); END;
CREATE TRIGGER feed_events_append_only_delete BEFORE DELETE ON feed_events
BEGIN SELECT RAISE(ABORT, 'the feed is append-only'); END;

-- A registration waiting for its number (chờ cấp số): kept in a local
-- pending book (year stored negated, so it never meets a real book).
ALTER TABLE incoming ADD COLUMN pending INTEGER NOT NULL DEFAULT 0 CHECK (pending IN (0, 1));

-- Events now name their agency, real user, command and payload version,
-- and version-2 hashes use the canonical length-prefixed encoding.
-- Events written before keep their version-1 hash.
ALTER TABLE events ADD COLUMN hash_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE events ADD COLUMN agency_id TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN actor_name TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN command_id TEXT;
ALTER TABLE events ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
-- 1, 2, 3 … within a stream; 0 on events written before version 3.
ALTER TABLE events ADD COLUMN stream_version INTEGER NOT NULL DEFAULT 0;
