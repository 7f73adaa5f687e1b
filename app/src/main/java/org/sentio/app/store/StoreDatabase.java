package org.sentio.app.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The one connection, cipher and transaction of an open store that the per-aggregate repositories
 * ({@link SessionRepository}, {@link LiveSessionRepository}, {@link AnnotationRepository}, {@link
 * TagRepository}) share. Every read and every transaction holds this object's lock, so a
 * repository's work never interleaves with another's on the shared connection, and every write is
 * one transaction that leaves nothing half-written when it fails.
 */
final class StoreDatabase implements AutoCloseable {
  private static final Object MIGRATION_LOCK = new Object();

  /** Work on the connection; a failure rolls back the transaction it runs in. */
  interface SqlWork<T> {
    T run() throws SQLException;
  }

  private final Path file;
  private final Connection connection;
  private final FieldCipher cipher;

  StoreDatabase(Path file, Connection connection, FieldCipher cipher) {
    this.file = file;
    this.connection = connection;
    this.cipher = cipher;
  }

  /**
   * Opens (creating and migrating when needed) the database file in {@code dataDirectory}.
   *
   * @throws StoreException naming the folder or file when it cannot be created, read or migrated
   */
  static StoreDatabase open(Path dataDirectory) throws StoreException {
    try {
      Files.createDirectories(dataDirectory);
    } catch (IOException e) {
      throw new StoreException(
          dataDirectory + ": cannot create the data folder (" + e.getMessage() + ")", e);
    }
    if (!Files.isWritable(dataDirectory)) {
      throw new StoreException(
          dataDirectory + ": the data folder is not writable; choose another with --data-dir",
          null);
    }
    if (System.getProperty("org.sqlite.tmpdir") == null) {
      Path natives = dataDirectory.resolve("native");
      try {
        Files.createDirectories(natives);
        System.setProperty("org.sqlite.tmpdir", natives.toString());
      } catch (IOException e) {
        throw new StoreException(natives + ": cannot create (" + e.getMessage() + ")", e);
      }
    }
    Path database = dataDirectory.resolve(SessionStore.DATABASE_FILE);
    String url = "jdbc:sqlite:" + database;
    FieldCipher cipher = migrate(dataDirectory, database, url);
    return new StoreDatabase(
        database, StoreConnections.open(database, "the session store"), cipher);
  }

  private static FieldCipher migrate(Path dataDirectory, Path database, String url)
      throws StoreException {
    // A file lock keeps other processes out; it is held per JVM, so threads queue here first.
    synchronized (MIGRATION_LOCK) {
      return migrateLocked(dataDirectory, database, url);
    }
  }

  private static FieldCipher migrateLocked(Path dataDirectory, Path database, String url)
      throws StoreException {
    Path lockFile = dataDirectory.resolve("sentio.db.lock");
    try (FileChannel channel =
            FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.lock()) {
      Flyway.configure()
          .dataSource(url + "?busy_timeout=" + StoreConnections.BUSY_TIMEOUT_MS, null, null)
          .locations("classpath:db/migration")
          .load()
          .migrate();
      return StoreEncryption.prepare(database, StoreKeys.forThisUser());
    } catch (IOException e) {
      throw new StoreException(lockFile + ": cannot lock for migration (" + e + ")", e);
    } catch (FlywayException e) {
      throw new StoreException(
          database
              + ": not a Sentio session store, or one from a newer Sentio ("
              + firstLine(e.getMessage())
              + "); move it away or choose another --data-dir",
          e);
    }
  }

  Path file() {
    return file;
  }

  Connection connection() {
    return connection;
  }

  FieldCipher cipher() {
    return cipher;
  }

  /** Runs {@code work} as one transaction: all of it is committed, or none of it. */
  synchronized <T> T write(SqlWork<T> work) throws StoreException {
    try {
      connection.setAutoCommit(false);
      T value = work.run();
      connection.commit();
      return value;
    } catch (SQLException e) {
      try {
        connection.rollback();
      } catch (SQLException rollback) {
        e.addSuppressed(rollback);
      }
      throw failure("write", e);
    } finally {
      restoreAutoCommit();
    }
  }

  /** Runs {@code work} that only reads; a failure is reported as "cannot {@code what}". */
  synchronized <T> T read(String what, SqlWork<T> work) throws StoreException {
    try {
      return work.run();
    } catch (SQLException e) {
      throw failure(what, e);
    }
  }

  private void restoreAutoCommit() throws StoreException {
    try {
      connection.setAutoCommit(true);
    } catch (SQLException e) {
      throw failure("end the transaction", e);
    }
  }

  private StoreException failure(String what, SQLException e) {
    return new StoreException(
        file + ": cannot " + what + " (" + firstLine(e.getMessage()) + ")", e);
  }

  private static String firstLine(String message) {
    String text = String.valueOf(message);
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }

  @Override
  public synchronized void close() throws StoreException {
    try {
      connection.close();
    } catch (SQLException e) {
      throw failure("close", e);
    }
  }
}
