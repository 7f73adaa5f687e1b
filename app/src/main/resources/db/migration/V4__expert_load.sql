-- How the MoE fusion routed a session's windows (absent for fallback fusion and for sessions
-- stored before Sentio kept it), and how the runtime ran each model beyond its provider (for the
-- fusion model: the formulation chosen and why).

CREATE TABLE expert_load (
  session_id       INTEGER NOT NULL PRIMARY KEY REFERENCES session (id) ON DELETE CASCADE,
  experts          INTEGER NOT NULL CHECK (experts > 0),
  top_k            INTEGER NOT NULL CHECK (top_k > 0),
  capacity_factor  REAL    NOT NULL CHECK (capacity_factor > 0),
  batch_size       INTEGER NOT NULL CHECK (batch_size > 0),
  windows          INTEGER NOT NULL CHECK (windows >= 0),
  overflow         INTEGER NOT NULL CHECK (overflow >= 0),
  deferred_windows INTEGER NOT NULL CHECK (deferred_windows >= 0)
);

CREATE TABLE expert_load_count (
  session_id INTEGER NOT NULL REFERENCES expert_load (session_id) ON DELETE CASCADE,
  expert     INTEGER NOT NULL CHECK (expert >= 0),
  windows    INTEGER NOT NULL CHECK (windows >= 0),
  PRIMARY KEY (session_id, expert)
);

ALTER TABLE model_use ADD COLUMN runtime TEXT;
