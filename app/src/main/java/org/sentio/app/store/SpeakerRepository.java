package org.sentio.app.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.sentio.affect.pipeline.Speaker;
import org.sentio.affect.pipeline.SpeakerRole;
import org.sqlite.SQLiteConfig;

/**
 * The speakers of stored sessions (table {@code speaker}, migration V5) and the one thing a person
 * changes about them after the analysis: the role, agent or customer. It keeps its own connection
 * to the store's file, opened after {@link SessionStore#open} has migrated it.
 */
public final class SpeakerRepository implements AutoCloseable {

  /** What {@link #setRole} did. */
  public enum RoleChange {
    /** The speaker now has the role (it may have had it already). */
    CHANGED,
    /** There is no session with that id; nothing changed. */
    NO_SESSION,
    /** The session has no speaker with that id; nothing changed. */
    NO_SPEAKER
  }

  private final Connection connection;

  private SpeakerRepository(Connection connection) {
    this.connection = connection;
  }

  /** The speakers of {@code store} (already migrated by opening it). */
  public static SpeakerRepository open(SessionStore store) throws StoreException {
    try {
      SQLiteConfig config = new SQLiteConfig();
      config.enforceForeignKeys(true);
      config.setBusyTimeout(30_000);
      config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
      return new SpeakerRepository(config.createConnection("jdbc:sqlite:" + store.databaseFile()));
    } catch (SQLException e) {
      throw new StoreException(store.databaseFile() + ": cannot open the speakers (" + e + ")", e);
    }
  }

  /** The speakers of session {@code sessionId} by id; empty when it has none or does not exist. */
  public synchronized List<Speaker> speakers(long sessionId) throws StoreException {
    try {
      return read(sessionId);
    } catch (SQLException e) {
      throw new StoreException(
          "session " + sessionId + ": cannot read its speakers (" + e + ")", e);
    }
  }

  /**
   * Gives speaker {@code speakerId} of session {@code sessionId} the role {@code role}, in one
   * transaction that first checks the session and the speaker exist.
   */
  public synchronized RoleChange setRole(long sessionId, String speakerId, SpeakerRole role)
      throws StoreException {
    try {
      connection.setAutoCommit(false);
      RoleChange outcome;
      if (!sessionExists(sessionId)) {
        outcome = RoleChange.NO_SESSION;
      } else {
        try (PreparedStatement s =
            connection.prepareStatement(
                "UPDATE speaker SET role = ? WHERE session_id = ? AND id = ?")) {
          s.setString(1, role.id());
          s.setLong(2, sessionId);
          s.setString(3, speakerId);
          outcome = s.executeUpdate() == 1 ? RoleChange.CHANGED : RoleChange.NO_SPEAKER;
        }
      }
      connection.commit();
      return outcome;
    } catch (SQLException e) {
      try {
        connection.rollback();
      } catch (SQLException rollback) {
        e.addSuppressed(rollback);
      }
      throw new StoreException(
          "session " + sessionId + ": cannot change the role of " + speakerId + " (" + e + ")", e);
    } finally {
      try {
        connection.setAutoCommit(true);
      } catch (SQLException ignored) {
        // The connection is unusable anyway; the next call reports it.
      }
    }
  }

  private boolean sessionExists(long sessionId) throws SQLException {
    try (PreparedStatement s = connection.prepareStatement("SELECT 1 FROM session WHERE id = ?")) {
      s.setLong(1, sessionId);
      try (ResultSet rows = s.executeQuery()) {
        return rows.next();
      }
    }
  }

  private List<Speaker> read(long sessionId) throws SQLException {
    return new SessionRows(connection).readSpeakers(sessionId);
  }

  @Override
  public synchronized void close() throws StoreException {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new StoreException("speakers: cannot close (" + e + ")", e);
    }
  }
}
