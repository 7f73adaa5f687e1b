package org.sentio.app.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.sqlite.SQLiteConfig;

/**
 * How every repository of the store connects to its SQLite file: one set of settings, so that the
 * session, workflow and ledger repositories lock, journal and wait for each other the same way.
 */
final class StoreConnections {
  static final int BUSY_TIMEOUT_MS = 30_000;

  private StoreConnections() {}

  /**
   * A connection to {@code database} (already created and migrated by {@link SessionStore#open}).
   *
   * @param purpose what the caller opens, for the message of a failure ("the workflow tables")
   */
  static Connection open(Path database, String purpose) throws StoreException {
    SQLiteConfig config = new SQLiteConfig();
    config.enforceForeignKeys(true);
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setBusyTimeout(BUSY_TIMEOUT_MS);
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    // Writers take the lock up front, so two processes never deadlock upgrading a read lock.
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    try {
      return config.createConnection("jdbc:sqlite:" + database);
    } catch (SQLException e) {
      throw new StoreException(database + ": cannot open " + purpose + " (" + e + ")", e);
    }
  }
}
