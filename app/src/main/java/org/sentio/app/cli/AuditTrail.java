package org.sentio.app.cli;

import org.sentio.app.store.AuditRepository;
import org.sentio.app.store.SessionStore;
import org.sentio.app.store.StoreException;

/** Writes what a command did with a session into the store's audit log. */
final class AuditTrail {
  private AuditTrail() {}

  static void record(SessionStore store, AuditRepository.Action action, long session, String detail)
      throws StoreException {
    try (AuditRepository audit = AuditRepository.open(store)) {
      audit.append(action, "session " + session, detail);
    }
  }
}
