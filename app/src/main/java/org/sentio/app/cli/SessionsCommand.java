package org.sentio.app.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.sentio.affect.pipeline.Speaker;
import org.sentio.affect.pipeline.SpeakerRole;
import org.sentio.app.store.AuditRepository;
import org.sentio.app.store.SessionStore;
import org.sentio.app.store.SessionSummary;
import org.sentio.app.store.SpeakerRepository;
import org.sentio.app.store.StoreException;
import org.sentio.app.store.StoredSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code sentio sessions list|show|delete|set-role}. */
@Command(
    name = "sessions",
    mixinStandardHelpOptions = true,
    description = "List, show or delete stored sessions, or change a speaker's role.",
    subcommands = {
      SessionsCommand.ListSessions.class,
      SessionsCommand.ShowSession.class,
      SessionsCommand.DeleteSession.class,
      SessionsCommand.SetRole.class
    })
public final class SessionsCommand implements Callable<Integer> {
  @Override
  public Integer call() throws UserError {
    throw new UserError(
        "sessions: say list, show ID, delete ID or set-role ID SPEAKER ROLE"
            + " (see sentio sessions --help)");
  }

  /** {@code sentio sessions list}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List stored sessions.")
  static final class ListSessions implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Override
    public Integer call() throws Exception {
      try (SessionStore store = common.openStore()) {
        SessionPrinter.list(store.sessions().list(), System.out);
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
        SessionSummary summary = store.sessions().summary(id).orElseThrow(() -> noSuchSession(id));
        if (!"done".equals(summary.status())) {
          System.out.printf(
              "Session %d \"%s\" failed: %s%n", id, summary.title(), summary.failure());
          return 0;
        }
        StoredSession session = store.sessions().load(id).orElseThrow(() -> noSuchSession(id));
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
        String title = store.sessions().summary(id).map(SessionSummary::title).orElse("");
        if (!store.sessions().delete(id)) {
          throw noSuchSession(id);
        }
        AuditTrail.record(
            store, AuditRepository.Action.DELETE, id, "sentio sessions delete: \"" + title + "\"");
      }
      System.out.println("Deleted session " + id + ".");
      return 0;
    }
  }

  /** {@code sentio sessions set-role ID SPEAKER agent|customer}. */
  @Command(
      name = "set-role",
      mixinStandardHelpOptions = true,
      description = "Say whether a speaker of a stored session is the agent or the customer.")
  static final class SetRole implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Parameters(index = "0", paramLabel = "ID", description = "The session's id.")
    long id;

    @Parameters(
        index = "1",
        paramLabel = "SPEAKER",
        description = "The speaker's id, e.g. S1 (see sentio sessions show ID).")
    String speaker;

    @Parameters(index = "2", paramLabel = "ROLE", description = "agent or customer.")
    String role;

    @Override
    public Integer call() throws Exception {
      SpeakerRole chosen = role(role);
      try (SessionStore store = common.openStore();
          SpeakerRepository speakers = SpeakerRepository.open(store)) {
        switch (speakers.setRole(id, speaker, chosen)) {
          case NO_SESSION -> throw noSuchSession(id);
          case NO_SPEAKER -> throw noSuchSpeaker(id, speaker, speakers.speakers(id));
          case CHANGED ->
              System.out.printf(
                  "Session %d: speaker %s is now the %s.%n", id, speaker, chosen.id());
        }
      } catch (StoreException e) {
        throw new UserError(e.getMessage(), e);
      }
      return 0;
    }

    private static SpeakerRole role(String given) throws UserError {
      for (SpeakerRole r : SpeakerRole.values()) {
        if (r.id().equalsIgnoreCase(given.strip())) {
          return r;
        }
      }
      throw new UserError("role \"" + given + "\": say agent or customer");
    }

    private static UserError noSuchSpeaker(long id, String speaker, List<Speaker> known) {
      if (known.isEmpty()) {
        return new UserError(
            "session "
                + id
                + " has no speakers (speakers are told apart when Sentio recognises the words;"
                + " analyse the recording again without --transcript)");
      }
      return new UserError(
          "session "
              + id
              + " has no speaker \""
              + speaker
              + "\"; its speakers are "
              + String.join(", ", known.stream().map(Speaker::id).toList()));
    }
  }

  static UserError noSuchSession(long id) {
    return new UserError("no session with id " + id + " (see sentio sessions list)");
  }
}
