package org.sentio.app.cli;

import java.util.concurrent.Callable;
import org.sentio.app.store.AuditRepository;
import org.sentio.app.store.SessionStore;
import org.sentio.app.store.SessionSummary;
import org.sentio.app.store.StoredSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code sentio sessions list|show|delete}. */
@Command(
    name = "sessions",
    mixinStandardHelpOptions = true,
    description = "List, show or delete stored sessions.",
    subcommands = {
      SessionsCommand.ListSessions.class,
      SessionsCommand.ShowSession.class,
      SessionsCommand.DeleteSession.class
    })
public final class SessionsCommand implements Callable<Integer> {
  @Override
  public Integer call() throws UserError {
    throw new UserError("sessions: say list, show ID or delete ID (see sentio sessions --help)");
  }

  /** {@code sentio sessions list}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List stored sessions.")
  static final class ListSessions implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Override
    public Integer call() throws Exception {
      try (SessionStore store = common.openStore()) {
        SessionPrinter.list(store.list(), System.out);
      }
      return 0;
    }
  }

  /** {@code sentio sessions show ID}. */
  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Show a stored session: summary, models, transcript and every window.")
  static final class ShowSession implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Parameters(paramLabel = "ID", description = "The session's id (see sentio sessions list).")
    long id;

    @Override
    public Integer call() throws Exception {
      try (SessionStore store = common.openStore()) {
        SessionSummary summary = store.summary(id).orElseThrow(() -> noSuchSession(id));
        if (!"done".equals(summary.status())) {
          System.out.printf(
              "Session %d \"%s\" failed: %s%n", id, summary.title(), summary.failure());
          return 0;
        }
        StoredSession session = store.load(id).orElseThrow(() -> noSuchSession(id));
        SessionPrinter.show(id, session.result(), System.out);
        AuditTrail.record(store, AuditRepository.Action.OPEN, id, "sentio sessions show");
      }
      return 0;
    }
  }

  /** {@code sentio sessions delete ID}. */
  @Command(
      name = "delete",
      mixinStandardHelpOptions = true,
      description = "Delete a stored session and everything stored with it.")
  static final class DeleteSession implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Parameters(paramLabel = "ID", description = "The session's id (see sentio sessions list).")
    long id;

    @Override
    public Integer call() throws Exception {
      try (SessionStore store = common.openStore()) {
        String title = store.summary(id).map(SessionSummary::title).orElse("");
        if (!store.delete(id)) {
          throw noSuchSession(id);
        }
        AuditTrail.record(
            store, AuditRepository.Action.DELETE, id, "sentio sessions delete: \"" + title + "\"");
      }
      System.out.println("Deleted session " + id + ".");
      return 0;
    }
  }

  static UserError noSuchSession(long id) {
    return new UserError("no session with id " + id + " (see sentio sessions list)");
  }
}
