-- The privacy ledger: every differentially private training run on this store's sessions, with
-- its accountant's parameters, so that later runs on the same people compose with it. Session ids
-- carry no foreign key on purpose: deleting a session does not take back what a model learnt.

CREATE TABLE privacy_run (
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  created_at       TEXT    NOT NULL,
  model            TEXT    NOT NULL,
  model_sha256     TEXT,
  windows          INTEGER NOT NULL CHECK (windows > 0),
  sampling_rate    REAL    NOT NULL CHECK (sampling_rate > 0 AND sampling_rate <= 1),
  noise_multiplier REAL    NOT NULL CHECK (noise_multiplier > 0),
  clip             REAL    NOT NULL CHECK (clip > 0),
  steps            INTEGER NOT NULL CHECK (steps >= 0),
  delta            REAL    NOT NULL CHECK (delta > 0 AND delta < 1),
  epsilon          REAL    NOT NULL CHECK (epsilon >= 0),
  accountant       TEXT    NOT NULL
);

CREATE TABLE privacy_run_session (
  run_id     INTEGER NOT NULL REFERENCES privacy_run (id) ON DELETE CASCADE,
  session_id INTEGER NOT NULL,
  windows    INTEGER NOT NULL CHECK (windows > 0),
  PRIMARY KEY (run_id, session_id)
);

CREATE INDEX privacy_run_session_by_session ON privacy_run_session (session_id);
