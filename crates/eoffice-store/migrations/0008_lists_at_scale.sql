-- Schema version 8: lists of a million documents (issue 11).
--
-- Every list view (a sort, both ways, with any filter the list offers)
-- reads its page from one index alone. The filter columns (priority,
-- state, arrival date) trail each index, so a filtered view is walked in
-- the index without reading table rows. Views within a year use the
-- year-led indexes; views across all years use the key-led ones, with the
-- year as the first tie-breaker.

-- A NULL never compares in a row value, so the issued-date order uses a
-- key in which a missing date is '' (first, as NULL was).
ALTER TABLE incoming ADD COLUMN issued_key TEXT GENERATED ALWAYS AS (IFNULL(issued_date, '')) VIRTUAL;

DROP INDEX incoming_by_number;
DROP INDEX incoming_by_arrival;
DROP INDEX incoming_by_issued;
DROP INDEX incoming_by_organ;
DROP INDEX incoming_by_subject;
DROP INDEX incoming_by_code;
DROP INDEX incoming_by_priority;
DROP INDEX incoming_by_state;

CREATE INDEX incoming_by_number   ON incoming (arrival_year, arrival_number, arrival_sub, priority, state, arrival_date);
CREATE INDEX incoming_by_arrival  ON incoming (arrival_year, arrival_date, arrival_number, arrival_sub, priority, state);
CREATE INDEX incoming_by_issued   ON incoming (arrival_year, issued_key, arrival_number, arrival_sub, priority, state, arrival_date);
CREATE INDEX incoming_by_organ    ON incoming (arrival_year, organ_key, arrival_number, arrival_sub, priority, state, arrival_date);
CREATE INDEX incoming_by_subject  ON incoming (arrival_year, subject_key, arrival_number, arrival_sub, priority, state, arrival_date);
CREATE INDEX incoming_by_code     ON incoming (arrival_year, code_key, arrival_number, arrival_sub, priority, state, arrival_date);
CREATE INDEX incoming_by_priority ON incoming (arrival_year, priority, arrival_number, arrival_sub, state, arrival_date);
CREATE INDEX incoming_by_state    ON incoming (arrival_year, state, arrival_number, arrival_sub, priority, arrival_date);

CREATE INDEX incoming_all_by_arrival  ON incoming (arrival_date, arrival_year, arrival_number, arrival_sub, priority, state);
CREATE INDEX incoming_all_by_issued   ON incoming (issued_key, arrival_year, arrival_number, arrival_sub, priority, state, arrival_date);
CREATE INDEX incoming_all_by_organ    ON incoming (organ_key, arrival_year, arrival_number, arrival_sub, priority, state, arrival_date);
CREATE INDEX incoming_all_by_subject  ON incoming (subject_key, arrival_year, arrival_number, arrival_sub, priority, state, arrival_date);
CREATE INDEX incoming_all_by_code     ON incoming (code_key, arrival_year, arrival_number, arrival_sub, priority, state, arrival_date);
CREATE INDEX incoming_all_by_priority ON incoming (priority, arrival_year, arrival_number, arrival_sub, state, arrival_date);
CREATE INDEX incoming_all_by_state    ON incoming (state, arrival_year, arrival_number, arrival_sub, priority, arrival_date);

-- The totals a list shows, kept as rows change, so that the total of a
-- view is a sum over a few rows rather than a count over a million.
CREATE TABLE incoming_counts (
    arrival_year  INTEGER NOT NULL,
    book_id       TEXT NOT NULL,
    state         TEXT NOT NULL,
    priority      INTEGER NOT NULL,
    n             INTEGER NOT NULL,
    PRIMARY KEY (arrival_year, book_id, state, priority)
) WITHOUT ROWID;

INSERT INTO incoming_counts (arrival_year, book_id, state, priority, n)
    SELECT arrival_year, book_id, state, priority, COUNT(*) FROM incoming
    GROUP BY arrival_year, book_id, state, priority;

CREATE TRIGGER incoming_counts_insert AFTER INSERT ON incoming BEGIN
    INSERT INTO incoming_counts (arrival_year, book_id, state, priority, n)
        VALUES (NEW.arrival_year, NEW.book_id, NEW.state, NEW.priority, 1)
        ON CONFLICT DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER incoming_counts_delete AFTER DELETE ON incoming BEGIN
    UPDATE incoming_counts SET n = n - 1
        WHERE arrival_year = OLD.arrival_year AND book_id = OLD.book_id
          AND state = OLD.state AND priority = OLD.priority;
END;

CREATE TRIGGER incoming_counts_update AFTER UPDATE OF arrival_year, book_id, state, priority ON incoming
    WHEN OLD.arrival_year IS NOT NEW.arrival_year OR OLD.book_id IS NOT NEW.book_id
      OR OLD.state IS NOT NEW.state OR OLD.priority IS NOT NEW.priority
BEGIN
    UPDATE incoming_counts SET n = n - 1
        WHERE arrival_year = OLD.arrival_year AND book_id = OLD.book_id
          AND state = OLD.state AND priority = OLD.priority;
    INSERT INTO incoming_counts (arrival_year, book_id, state, priority, n)
        VALUES (NEW.arrival_year, NEW.book_id, NEW.state, NEW.priority, 1)
        ON CONFLICT DO UPDATE SET n = n + 1;
END;
