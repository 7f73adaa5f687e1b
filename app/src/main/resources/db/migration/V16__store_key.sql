-- Sensitive fields at rest (ADR 0032): each store gets a random id, under which its AES-256-GCM
-- key is kept outside the store (the OS keyring or a per-user key file), and a check value that
-- tells the right key from a wrong one. key_check stays NULL until the step that runs right after
-- the migrations has encrypted transcript_segment.text, transcript_segment.original_text and
-- transcript_word.text; it does that and sets key_check in one transaction.

CREATE TABLE store_key (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  store_id   TEXT    NOT NULL CHECK (length(store_id) = 32),
  key_check  TEXT,
  created_at TEXT    NOT NULL
);

INSERT INTO store_key (id, store_id, created_at)
VALUES (1, lower(hex(randomblob(16))), strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));
