package org.sentio.app.store;

import org.sentio.affect.pipeline.SessionResult;

/** A session read back from the store. */
public record StoredSession(long id, SessionResult result) {}
