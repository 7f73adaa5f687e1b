-- Sessions and everything an analysis produced. Probabilities are one column per emotion, in
-- the order neutral, happy, sad, angry, fearful, disgusted, surprised; NULL where a modality does
-- not tell a value.

CREATE TABLE session (
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  title            TEXT    NOT NULL,
  created_at       TEXT    NOT NULL,
  mode             TEXT    NOT NULL DEFAULT 'customer-service'
                           CHECK (mode IN ('customer-service', 'clinical')),
  status           TEXT    NOT NULL CHECK (status IN ('done', 'failed')),
  failure          TEXT,
  duration_seconds REAL    NOT NULL DEFAULT 0,
  analysis_fps     REAL    NOT NULL,
  window_seconds   REAL    NOT NULL,
  hop_seconds      REAL    NOT NULL,
  fusion_method    TEXT,
  warnings         TEXT    NOT NULL DEFAULT ''
);

CREATE TABLE media (
  session_id       INTEGER NOT NULL PRIMARY KEY REFERENCES session (id) ON DELETE CASCADE,
  path             TEXT    NOT NULL,
  format           TEXT,
  duration_seconds REAL    NOT NULL,
  video_codec      TEXT,
  width            INTEGER NOT NULL DEFAULT 0,
  height           INTEGER NOT NULL DEFAULT 0,
  frame_rate       REAL    NOT NULL DEFAULT 0,
  audio_codec      TEXT,
  sample_rate      INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE analysis_window (
  session_id    INTEGER NOT NULL REFERENCES session (id) ON DELETE CASCADE,
  idx           INTEGER NOT NULL,
  start_seconds REAL    NOT NULL,
  end_seconds   REAL    NOT NULL,
  PRIMARY KEY (session_id, idx)
);

CREATE TABLE modality_estimate (
  session_id     INTEGER NOT NULL,
  window_idx     INTEGER NOT NULL,
  modality       TEXT    NOT NULL CHECK (modality IN ('face', 'voice', 'text')),
  present        INTEGER NOT NULL CHECK (present IN (0, 1)),
  p_neutral REAL, p_happy REAL, p_sad REAL, p_angry REAL,
  p_fearful REAL, p_disgusted REAL, p_surprised REAL,
  valence        REAL,
  arousal        REAL,
  confidence     REAL    NOT NULL,
  absence        TEXT,
  absence_detail TEXT,
  PRIMARY KEY (session_id, window_idx, modality),
  FOREIGN KEY (session_id, window_idx) REFERENCES analysis_window (session_id, idx) ON DELETE CASCADE
);

CREATE TABLE fused_estimate (
  session_id   INTEGER NOT NULL,
  window_idx   INTEGER NOT NULL,
  method       TEXT    NOT NULL,
  p_neutral REAL, p_happy REAL, p_sad REAL, p_angry REAL,
  p_fearful REAL, p_disgusted REAL, p_surprised REAL,
  valence      REAL,
  arousal      REAL,
  confidence   REAL    NOT NULL,
  weight_face  REAL    NOT NULL DEFAULT 0,
  weight_voice REAL    NOT NULL DEFAULT 0,
  weight_text  REAL    NOT NULL DEFAULT 0,
  PRIMARY KEY (session_id, window_idx),
  FOREIGN KEY (session_id, window_idx) REFERENCES analysis_window (session_id, idx) ON DELETE CASCADE
);

CREATE TABLE fused_expert (
  session_id INTEGER NOT NULL,
  window_idx INTEGER NOT NULL,
  rank       INTEGER NOT NULL,
  expert     INTEGER NOT NULL,
  weight     REAL    NOT NULL,
  PRIMARY KEY (session_id, window_idx, rank),
  FOREIGN KEY (session_id, window_idx) REFERENCES fused_estimate (session_id, window_idx) ON DELETE CASCADE
);

CREATE TABLE transcript_segment (
  session_id     INTEGER NOT NULL REFERENCES session (id) ON DELETE CASCADE,
  idx            INTEGER NOT NULL,
  start_seconds  REAL    NOT NULL,
  end_seconds    REAL    NOT NULL,
  text           TEXT    NOT NULL,
  present        INTEGER NOT NULL CHECK (present IN (0, 1)),
  p_neutral REAL, p_happy REAL, p_sad REAL, p_angry REAL,
  p_fearful REAL, p_disgusted REAL, p_surprised REAL,
  valence        REAL,
  arousal        REAL,
  confidence     REAL    NOT NULL,
  absence        TEXT,
  absence_detail TEXT,
  PRIMARY KEY (session_id, idx)
);

CREATE TABLE annotation (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  session_id    INTEGER NOT NULL REFERENCES session (id) ON DELETE CASCADE,
  start_seconds REAL    NOT NULL,
  end_seconds   REAL    NOT NULL CHECK (end_seconds > start_seconds),
  label         TEXT    NOT NULL,
  author        TEXT    NOT NULL,
  created_at    TEXT    NOT NULL,
  note          TEXT
);

CREATE TABLE model_use (
  session_id         INTEGER NOT NULL REFERENCES session (id) ON DELETE CASCADE,
  name               TEXT    NOT NULL,
  version            TEXT,
  sha256             TEXT,
  execution_provider TEXT    NOT NULL,
  PRIMARY KEY (session_id, name)
);

CREATE INDEX annotation_by_session ON annotation (session_id, start_seconds);
