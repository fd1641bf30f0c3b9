-- Version 3: the document exchange inside the province (issue 9,
-- domain.md §12). The server speaks the integration platform's API: each
-- agency's system has an id and a secret key, a login gives a bearer
-- token, and packages wait per recipient until it marks them done.
CREATE TABLE exchange_systems (
    organ_id     TEXT PRIMARY KEY REFERENCES agencies(id),
    system_id    TEXT NOT NULL UNIQUE,
    secret_hash  TEXT NOT NULL,
    locked       BOOLEAN NOT NULL DEFAULT false,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE exchange_tokens (
    token_hash  TEXT PRIMARY KEY,
    organ_id    TEXT NOT NULL REFERENCES exchange_systems(organ_id),
    -- The key checked at login, hashed fast: every call carries it again,
    -- and an Argon2 check per call would cost more than the call.
    secret_sha  TEXT NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL
);

-- One row per recipient. Sending the same bytes to the same recipient
-- again is the same row: status sends are idempotent (domain.md §12).
CREATE TABLE exchange_packages (
    doc_id        TEXT PRIMARY KEY,
    from_organ    TEXT NOT NULL,
    to_organ      TEXT NOT NULL REFERENCES exchange_systems(organ_id),
    message_type  TEXT NOT NULL CHECK (message_type IN ('edoc', 'status')),
    body          BYTEA NOT NULL,
    sha256        TEXT NOT NULL,
    status        TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'fetched', 'done', 'fail')),
    description   TEXT NOT NULL DEFAULT '',
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (from_organ, to_organ, sha256)
);
CREATE INDEX exchange_packages_inbox ON exchange_packages (to_organ, status, created_at);
