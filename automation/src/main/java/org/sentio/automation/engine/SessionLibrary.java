package org.sentio.automation.engine;

import java.util.Optional;
import org.sentio.affect.pipeline.SessionResult;

/** The session store as skills see it: the desktop app's store behind it. */
public interface SessionLibrary {
  long save(SessionResult result) throws Exception;

  Optional<SessionResult> load(long id) throws Exception;

  /** Deletes a session during a rollback; false when it was already gone. */
  boolean delete(long id) throws Exception;
}
