-- A speaker's linked face (ADR 0050): in each window, the face reading of the face track linked to
-- the speaker (speaker.face_track, ADR 0041), or why there is none, and its weight in the speaker's
-- fused reading (speaker_estimate kind 'fused'). Sessions stored before have no rows here: their
-- per-speaker fusion had no face, and they read back saying so.

CREATE TABLE speaker_face_estimate (
  session_id     INTEGER NOT NULL,
  window_idx     INTEGER NOT NULL,
  speaker_id     TEXT    NOT NULL,
  present        INTEGER NOT NULL CHECK (present IN (0, 1)),
  p_neutral REAL, p_happy REAL, p_sad REAL, p_angry REAL,
  p_fearful REAL, p_disgusted REAL, p_surprised REAL,
  valence        REAL,
  arousal        REAL,
  confidence     REAL    NOT NULL,
  absence        TEXT,
  absence_detail TEXT,
  weight_face    REAL    NOT NULL,
  PRIMARY KEY (session_id, window_idx, speaker_id),
  FOREIGN KEY (session_id, window_idx) REFERENCES analysis_window (session_id, idx) ON DELETE CASCADE,
  FOREIGN KEY (session_id, speaker_id) REFERENCES speaker (session_id, id) ON DELETE CASCADE
);
