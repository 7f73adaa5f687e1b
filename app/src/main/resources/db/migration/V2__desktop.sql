-- What the desktop application keeps beside an analysis: where a session came from (an imported
-- file or a live recording), whether a live recording is still being written (it stays 1 when the
-- process died while recording), and the user's tags.

ALTER TABLE session ADD COLUMN source TEXT NOT NULL DEFAULT 'file';
ALTER TABLE session ADD COLUMN recording INTEGER NOT NULL DEFAULT 0;

CREATE TABLE session_tag (
  session_id INTEGER NOT NULL REFERENCES session (id) ON DELETE CASCADE,
  tag        TEXT    NOT NULL,
  PRIMARY KEY (session_id, tag)
);
