-- Per-speaker readings (ADR 0018): each speaker's voice, text and fused reading in each window,
-- beside the window's readings of the whole recording; and why a speaker has no face track.

ALTER TABLE speaker ADD COLUMN face_track_note TEXT;

CREATE TABLE speaker_estimate (
  session_id     INTEGER NOT NULL,
  window_idx     INTEGER NOT NULL,
  speaker_id     TEXT    NOT NULL,
  kind           TEXT    NOT NULL CHECK (kind IN ('voice', 'text', 'fused')),
  present        INTEGER NOT NULL CHECK (present IN (0, 1)),
  p_neutral REAL, p_happy REAL, p_sad REAL, p_angry REAL,
  p_fearful REAL, p_disgusted REAL, p_surprised REAL,
  valence        REAL,
  arousal        REAL,
  confidence     REAL    NOT NULL,
  absence        TEXT,
  absence_detail TEXT,
  method         TEXT,
  weight_voice   REAL,
  weight_text    REAL,
  PRIMARY KEY (session_id, window_idx, speaker_id, kind),
  FOREIGN KEY (session_id, window_idx) REFERENCES analysis_window (session_id, idx) ON DELETE CASCADE,
  FOREIGN KEY (session_id, speaker_id) REFERENCES speaker (session_id, id) ON DELETE CASCADE
);
