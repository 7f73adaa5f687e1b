package org.sentio.app.workflows;

import java.util.Optional;
import org.sentio.affect.pipeline.SessionResult;
import org.sentio.app.store.SessionStore;
import org.sentio.app.store.StoredSession;
import org.sentio.automation.engine.SessionLibrary;

/** The session store as workflow skills see it. */
public final class StoreSessionLibrary implements SessionLibrary {
  private final SessionStore store;

  public StoreSessionLibrary(SessionStore store) {
    this.store = store;
  }

  @Override
  public long save(SessionResult result) throws Exception {
    return store.sessions().save(result);
  }

  @Override
  public Optional<SessionResult> load(long id) throws Exception {
    return store.sessions().load(id).map(StoredSession::result);
  }

  @Override
  public boolean delete(long id) throws Exception {
    return store.sessions().delete(id);
  }
}
