-- The audit log (issue 17, ADR 0030): who (the operating-system user) opened, revealed, exported,
-- shared or deleted what, and when. Each entry carries the SHA-256 of the entry before it and its
-- own, so that an edited or removed entry breaks the chain (`sentio audit verify`). The triggers
-- keep Sentio itself, and anyone using SQL without dropping them, from changing the past; someone
-- who edits the file around them is caught by the chain. Subjects are text, not foreign keys:
-- deleting a session keeps the record that it was deleted.

CREATE TABLE audit_entry (
  seq       INTEGER PRIMARY KEY CHECK (seq > 0),
  at        TEXT    NOT NULL,
  os_user   TEXT    NOT NULL,
  action    TEXT    NOT NULL CHECK (action IN ('open', 'reveal', 'export', 'share', 'delete')),
  subject   TEXT    NOT NULL,
  detail    TEXT    NOT NULL DEFAULT '',
  prev_hash TEXT    NOT NULL CHECK (length(prev_hash) = 64),
  hash      TEXT    NOT NULL CHECK (length(hash) = 64)
);

CREATE TRIGGER audit_entry_is_never_updated BEFORE UPDATE ON audit_entry
BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only');
END;

CREATE TRIGGER audit_entry_is_never_deleted BEFORE DELETE ON audit_entry
BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only');
END;
