-- Settings of this desktop that are not rules of the agency: the folder
-- the scanner or a network share drops files into (issue 10).
CREATE TABLE settings (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);
