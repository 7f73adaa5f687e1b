-- One reading per tracked face per window, so that several people in one recording each keep
-- their own timeline beside the window's face estimate.
CREATE TABLE face_track_estimate (
  session_id INTEGER NOT NULL,
  window_idx INTEGER NOT NULL,
  track_id   INTEGER NOT NULL,
  p_neutral REAL NOT NULL, p_happy REAL NOT NULL, p_sad REAL NOT NULL, p_angry REAL NOT NULL,
  p_fearful REAL NOT NULL, p_disgusted REAL NOT NULL, p_surprised REAL NOT NULL,
  valence    REAL NOT NULL,
  arousal    REAL NOT NULL,
  confidence REAL NOT NULL,
  PRIMARY KEY (session_id, window_idx, track_id),
  FOREIGN KEY (session_id, window_idx) REFERENCES analysis_window (session_id, idx) ON DELETE CASCADE
);
