-- Version 2: the handling state of each document (issue 7), folded by
-- eoffice-domain's state machine; NULL until its first handling step.
ALTER TABLE documents ADD COLUMN handling JSONB;
