-- Schema version 2: Vietnamese sort keys, list indexes and full-text search.

ALTER TABLE incoming ADD COLUMN organ_key TEXT NOT NULL DEFAULT '';
ALTER TABLE incoming ADD COLUMN subject_key TEXT NOT NULL DEFAULT '';
ALTER TABLE incoming ADD COLUMN code_key TEXT NOT NULL DEFAULT '';

-- One index per sortable column, led by the year that every list filters
-- on and ending in the tie-breakers, so that a page is found in the index
-- alone (see incoming::list) before its 50 rows are read.
CREATE INDEX incoming_by_number   ON incoming (arrival_year, arrival_number, arrival_sub);
CREATE INDEX incoming_by_arrival  ON incoming (arrival_year, arrival_date, arrival_number, arrival_sub);
CREATE INDEX incoming_by_issued   ON incoming (arrival_year, issued_date, arrival_number, arrival_sub);
CREATE INDEX incoming_by_organ    ON incoming (arrival_year, organ_key, arrival_number, arrival_sub);
CREATE INDEX incoming_by_subject  ON incoming (arrival_year, subject_key, arrival_number, arrival_sub);
CREATE INDEX incoming_by_code     ON incoming (arrival_year, code_key, arrival_number, arrival_sub);
CREATE INDEX incoming_by_priority ON incoming (arrival_year, priority, arrival_number, arrival_sub);
CREATE INDEX incoming_by_state    ON incoming (arrival_year, state, arrival_number, arrival_sub);
CREATE INDEX incoming_by_book     ON incoming (book_id, arrival_number, arrival_sub);
CREATE INDEX incoming_duplicates  ON incoming (duplicate_key);

-- Folded text (eoffice_domain::fold) in, so a query without diacritics
-- finds text with them. Contentless: the originals stay in their tables.
-- Metadata and body text have separate indexes: metadata words are sparse
-- and answer most searches quickly; the body index, where common words
-- occur in nearly every document, is asked only when the metadata gives
-- too few results.
CREATE VIRTUAL TABLE incoming_fts USING fts5 (
    meta,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 0',
    prefix = '2 3'
);
CREATE VIRTUAL TABLE incoming_body_fts USING fts5 (
    body,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 0',
    prefix = '2 3'
);
