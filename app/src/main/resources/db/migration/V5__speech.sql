-- Where a session's transcript came from and what speech recognition heard (ADR 0005): the
-- session's transcript source and speech model; per utterance its source, speaker, recogniser
-- confidence and, once a person corrected it, the original text; one row per recognised word;
-- the speakers told apart (none until diarisation fills them).

ALTER TABLE session ADD COLUMN transcript_source TEXT CHECK (transcript_source IN ('file', 'asr'));
ALTER TABLE session ADD COLUMN asr_model TEXT;
ALTER TABLE session ADD COLUMN asr_model_version TEXT;
ALTER TABLE session ADD COLUMN asr_language TEXT;

ALTER TABLE transcript_segment ADD COLUMN source TEXT NOT NULL DEFAULT 'file'
  CHECK (source IN ('file', 'asr'));
ALTER TABLE transcript_segment ADD COLUMN speaker_id TEXT;
ALTER TABLE transcript_segment ADD COLUMN asr_confidence REAL;
ALTER TABLE transcript_segment ADD COLUMN original_text TEXT;

CREATE TABLE transcript_word (
  session_id    INTEGER NOT NULL,
  segment_idx   INTEGER NOT NULL,
  idx           INTEGER NOT NULL,
  text          TEXT    NOT NULL,
  start_seconds REAL    NOT NULL,
  end_seconds   REAL    NOT NULL CHECK (end_seconds >= start_seconds),
  confidence    REAL    NOT NULL CHECK (confidence >= 0 AND confidence <= 1),
  PRIMARY KEY (session_id, segment_idx, idx),
  FOREIGN KEY (session_id, segment_idx) REFERENCES transcript_segment (session_id, idx) ON DELETE CASCADE
);

CREATE TABLE speaker (
  session_id INTEGER NOT NULL REFERENCES session (id) ON DELETE CASCADE,
  id         TEXT    NOT NULL,
  role       TEXT    NOT NULL CHECK (role IN ('agent', 'customer')),
  channel    INTEGER CHECK (channel >= 0),
  face_track INTEGER,
  PRIMARY KEY (session_id, id)
);
