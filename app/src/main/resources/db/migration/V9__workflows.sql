-- Workflows (issue 15): saved machines, their runs, each step's state, what each step created
-- (so a failed run can be rolled back), the run history and review decisions. A run keeps the
-- definition it started with, so editing a workflow never changes a run under way.

CREATE TABLE workflow (
  name          TEXT    NOT NULL PRIMARY KEY,
  definition    TEXT    NOT NULL,
  paused        INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1)),
  created_at    TEXT    NOT NULL,
  checked_up_to TEXT    NOT NULL
);

CREATE TABLE workflow_run (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  workflow    TEXT    NOT NULL REFERENCES workflow (name) ON DELETE CASCADE,
  definition  TEXT    NOT NULL,
  trigger     TEXT    NOT NULL,
  fire_key    TEXT,
  status      TEXT    NOT NULL
              CHECK (status IN ('running', 'waiting', 'succeeded', 'failed', 'rolled_back', 'rejected')),
  message     TEXT,
  started_at  TEXT    NOT NULL,
  finished_at TEXT,
  -- The process driving the run ("pid:start@host"), so two runners never drive one run.
  owner       TEXT,
  UNIQUE (workflow, fire_key)
);

CREATE TABLE workflow_step (
  run_id      INTEGER NOT NULL REFERENCES workflow_run (id) ON DELETE CASCADE,
  step_id     TEXT    NOT NULL,
  status      TEXT    NOT NULL CHECK (status IN ('running', 'waiting', 'done', 'failed', 'rejected')),
  attempts    INTEGER NOT NULL DEFAULT 0,
  output      TEXT,
  message     TEXT,
  started_at  TEXT    NOT NULL,
  finished_at TEXT,
  PRIMARY KEY (run_id, step_id)
);

CREATE TABLE workflow_artifact (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  run_id     INTEGER NOT NULL REFERENCES workflow_run (id) ON DELETE CASCADE,
  step_id    TEXT    NOT NULL,
  kind       TEXT    NOT NULL CHECK (kind IN ('file', 'session', 'seen')),
  ref        TEXT    NOT NULL,
  session_id INTEGER
);
CREATE INDEX workflow_artifact_run ON workflow_artifact (run_id);

CREATE TABLE workflow_log (
  id      INTEGER PRIMARY KEY AUTOINCREMENT,
  run_id  INTEGER NOT NULL REFERENCES workflow_run (id) ON DELETE CASCADE,
  step_id TEXT,
  at      TEXT    NOT NULL,
  message TEXT    NOT NULL
);
CREATE INDEX workflow_log_run ON workflow_log (run_id);

CREATE TABLE workflow_decision (
  run_id  INTEGER NOT NULL REFERENCES workflow_run (id) ON DELETE CASCADE,
  step_id TEXT    NOT NULL,
  verdict TEXT    NOT NULL CHECK (verdict IN ('approve', 'edit', 'reject')),
  note    TEXT,
  keep    TEXT,
  at      TEXT    NOT NULL,
  PRIMARY KEY (run_id, step_id)
);
