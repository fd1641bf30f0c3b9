-- Schema version 6: the document exchange (issue 9, domain.md §11–12).

-- Danh bạ liên thông: the organs this agency exchanges with, and how each
-- is reached: through the provincial server or the integration gateway.
CREATE TABLE organs (
    organ_id   TEXT PRIMARY KEY,          -- mã định danh, 000.00.17.H37
    name       TEXT NOT NULL,
    address    TEXT NOT NULL DEFAULT '',
    email      TEXT NOT NULL DEFAULT '',
    telephone  TEXT NOT NULL DEFAULT '',
    website    TEXT NOT NULL DEFAULT '',
    route      TEXT NOT NULL CHECK (route IN ('province', 'gateway'))
);

-- Văn bản điện tử đến: every package received, kept as it came (the raw
-- package is a blob), with the fields it pre-fills. A package delivered
-- twice is one row: its identity is the sender's DocumentId and the
-- business type (new, recall, update, replace) with the package's hash.
CREATE TABLE exchange_in (
    id                 TEXT PRIMARY KEY,
    document_id        TEXT NOT NULL,
    from_organ         TEXT NOT NULL,
    from_name          TEXT NOT NULL,
    bussiness_doc_type INTEGER NOT NULL CHECK (bussiness_doc_type BETWEEN 0 AND 3),
    package_sha        TEXT NOT NULL,     -- identity (see receive_edxml.rs)
    package_blob       TEXT NOT NULL,     -- SHA-256 of the package as received
    attachment_sha     TEXT,
    subject            TEXT NOT NULL,
    fields             TEXT NOT NULL,     -- DocumentFields JSON, from the package
    signatures         TEXT,              -- verification of the attachment
    xml_signer         TEXT,              -- who signed the package (XML-DSig), verified
    xml_trusted        INTEGER CHECK (xml_trusted IN (0, 1)), -- the signer chains to a trust root
    state              TEXT NOT NULL CHECK (state IN ('waiting', 'registered', 'returned', 'recalled', 'applied', 'refused')),
    incoming_id        TEXT REFERENCES incoming(id),
    reason             TEXT,
    received_at        TEXT NOT NULL,
    decided_at         TEXT,
    UNIQUE (document_id, bussiness_doc_type, package_sha)
);
CREATE INDEX exchange_in_state ON exchange_in (state, received_at);
CREATE INDEX exchange_in_document ON exchange_in (document_id);

-- Statuses this agency owes the senders (01–06, 15, 16). The key makes
-- each one exist once; it stays until the transport has taken it.
CREATE TABLE exchange_status_out (
    document_id  TEXT NOT NULL,
    to_organ     TEXT NOT NULL,
    code         TEXT NOT NULL,
    description  TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    sent_at      TEXT,
    attempts     INTEGER NOT NULL DEFAULT 0,
    last_error   TEXT,
    PRIMARY KEY (document_id, to_organ, code)
);

-- What this agency sent, per recipient, with the latest status heard.
CREATE TABLE exchange_out (
    outgoing_id   TEXT NOT NULL REFERENCES outgoing(id),
    document_id   TEXT NOT NULL,
    to_organ      TEXT NOT NULL,
    to_name       TEXT NOT NULL,
    route         TEXT NOT NULL CHECK (route IN ('province', 'gateway')),
    bussiness_doc_type INTEGER NOT NULL DEFAULT 0,
    -- The package as built, kept so that a resend is the same bytes.
    package_sha   TEXT NOT NULL,
    sent_at       TEXT,
    attempts      INTEGER NOT NULL DEFAULT 0,
    last_error    TEXT,
    status_code   TEXT,
    status_at     TEXT,
    status_note   TEXT,
    PRIMARY KEY (outgoing_id, to_organ)
);
CREATE INDEX exchange_out_document ON exchange_out (document_id);

-- Every status heard, once: a status delivered twice is not applied twice.
CREATE TABLE exchange_status_in (
    document_id  TEXT NOT NULL,
    from_organ   TEXT NOT NULL,
    code         TEXT NOT NULL,
    description  TEXT NOT NULL,
    at           TEXT NOT NULL,
    PRIMARY KEY (document_id, from_organ, code)
);

-- A recall freezes the sender's copy; the receiver keeps a record of it
-- after the document itself is removed.
ALTER TABLE outgoing ADD COLUMN recalled_at TEXT;
ALTER TABLE incoming ADD COLUMN exchange_document_id TEXT;

-- Where packages go: the provincial server (route `province`) and the
-- integration gateway (route `gateway`), each with the agency's system id
-- and secret key on that platform (domain.md §12).
CREATE TABLE exchange_endpoints (
    route       TEXT PRIMARY KEY CHECK (route IN ('province', 'gateway')),
    url         TEXT NOT NULL,
    system_id   TEXT NOT NULL,
    secret_key  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
