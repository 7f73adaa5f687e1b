-- Each window's embeddings per modality (issue 19 item 4, ADR 0059): the penultimate layer of the
-- face, voice or text model that read the window, so that a fusion can learn from more than the
-- probabilities. `vector` holds `size` IEEE half-precision floats, little-endian, sealed with the
-- store's key like the transcript (FieldCipher: iv, ciphertext, tag). Derived personal data: the
-- rows go with their window, and so with their session.

CREATE TABLE window_embedding (
  session_id INTEGER NOT NULL,
  window_idx INTEGER NOT NULL,
  modality   TEXT    NOT NULL CHECK (modality IN ('face', 'voice', 'text')),
  model      TEXT    NOT NULL,
  size       INTEGER NOT NULL CHECK (size > 0),
  vector     BLOB    NOT NULL,
  PRIMARY KEY (session_id, window_idx, modality),
  FOREIGN KEY (session_id, window_idx) REFERENCES analysis_window (session_id, idx) ON DELETE CASCADE
);
