-- Schema version 4: people, the handling workflow, and the calendar of
-- working days (issue 7).

-- The directory: kept here in standalone mode (local users sign in with a
-- password), a copy of the server's in connected mode (no password).
CREATE TABLE directory_units (
    code  TEXT PRIMARY KEY,
    name  TEXT NOT NULL
);

CREATE TABLE directory_users (
    username       TEXT PRIMARY KEY,
    full_name      TEXT NOT NULL,
    role           TEXT NOT NULL CHECK (role IN ('clerk', 'leader', 'unit_head', 'specialist', 'admin')),
    unit_code      TEXT,
    password_hash  TEXT,                       -- Argon2id PHC; NULL for server users
    disabled       INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    created_at     TEXT NOT NULL
);

-- The folded handling state of a document (eoffice-domain handling), with
-- the columns lists and reports filter on.
CREATE TABLE handling (
    document_id   TEXT PRIMARY KEY REFERENCES incoming(id),
    stage         TEXT NOT NULL,
    leader        TEXT,
    deadline      TEXT,                        -- YYYY-MM-DD
    completed_at  TEXT,
    arrival_date  TEXT NOT NULL,               -- copied for the report's period
    priority      INTEGER NOT NULL,
    lead_unit     TEXT,                        -- the unit answering for it (report rows)
    lead_user     TEXT,                        -- and the person, once it has one
    state         TEXT NOT NULL,               -- the whole state as JSON
    updated_at    TEXT NOT NULL
);
CREATE INDEX handling_queue ON handling (stage, leader, priority DESC, arrival_date);
-- Overdue and due-soon lists read this in deadline order and stop at the page.
CREATE INDEX handling_deadline ON handling (stage, deadline, arrival_date, document_id);
-- The report groups by who answers; every column it counts is here, so it
-- never reads the table.
CREATE INDEX handling_report ON handling (lead_unit, lead_user, arrival_date, stage, deadline, completed_at);

-- One row per task, rewritten from the folded state after each event.
-- `party` is 'u:<username>' or 'unit:<code>'; `due` is the deadline or
-- '9999-12-31', so "no deadline" sorts last straight from the index.
CREATE TABLE tasks (
    document_id    TEXT NOT NULL REFERENCES incoming(id),
    no             INTEGER NOT NULL,
    party          TEXT NOT NULL,
    part           TEXT NOT NULL CHECK (part IN ('lead', 'coordinate', 'inform')),
    state          TEXT NOT NULL CHECK (state IN ('open', 'completed', 'sent_back', 'closed')),
    due            TEXT NOT NULL,
    priority       INTEGER NOT NULL,
    parent         INTEGER,
    assigned_by    TEXT NOT NULL,
    assigned_at    TEXT NOT NULL,
    first_viewed_at TEXT,
    finished_at    TEXT,
    percent        INTEGER,
    PRIMARY KEY (document_id, no)
);
CREATE INDEX tasks_queue ON tasks (party, state, priority DESC, due);
CREATE INDEX tasks_due ON tasks (state, due);

-- Who is named on a document ('u:<username>') and which units
-- ('unit:<code>'): what specialists' lists and secret documents filter on.
CREATE TABLE doc_access (
    principal    TEXT NOT NULL,
    document_id  TEXT NOT NULL,
    PRIMARY KEY (principal, document_id)
) WITHOUT ROWID;
-- Rewriting a document's rows finds them by document.
CREATE INDEX doc_access_document ON doc_access (document_id);

-- A year whose schedule an administrator stored; every other year is
-- computed from Article 112.
CREATE TABLE calendar_years (
    year       INTEGER PRIMARY KEY,
    edited_by  TEXT NOT NULL,
    edited_at  TEXT NOT NULL
);
CREATE TABLE calendar_days (
    date  TEXT PRIMARY KEY,                    -- YYYY-MM-DD
    year  INTEGER NOT NULL REFERENCES calendar_years(year),
    kind  TEXT NOT NULL CHECK (kind IN ('holiday', 'compensatory', 'agency_day_off', 'working_weekend')),
    name  TEXT NOT NULL
);

-- Who registered a document (named on it, so a secret one stays theirs).
ALTER TABLE incoming ADD COLUMN registered_by TEXT;

-- Documents registered before version 4 start their handling now, named
-- on them whoever registered them. The JSON is `Handling::default()`
-- (pinned by a test in tests/migrations.rs).
INSERT INTO handling (document_id, stage, leader, deadline, completed_at, arrival_date, priority, state, updated_at)
SELECT id, 'registered', NULL, NULL, NULL, arrival_date, priority,
       '{"stage":"Registered","leader":null,"presented_by":null,"proposal":[],"instruction":null,"deadline":null,"tasks":[],"leaders":[],"completed_at":null,"result":null,"reply":null}',
       updated_at
FROM incoming WHERE state = 'registered';
INSERT OR IGNORE INTO doc_access (principal, document_id)
SELECT 'u:' || actor, stream FROM events WHERE command = 'incoming.registered';
UPDATE incoming SET registered_by = (
    SELECT e.actor FROM events e WHERE e.stream = incoming.id AND e.command = 'incoming.registered' LIMIT 1);
