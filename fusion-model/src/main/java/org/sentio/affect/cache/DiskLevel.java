package org.sentio.affect.cache;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The disk level: one SQLite file of its own (never the session store), each entry a row with its
 * payload, a sha256 of the payload and a use stamp. The use stamp is a counter raised on every
 * store and hit, so the least recently used entries go first when the file outgrows its bound,
 * exactly and across processes. Owns its connection.
 */
final class DiskLevel implements AutoCloseable {
  private static final int BUSY_TIMEOUT_MILLIS = 5_000;

  private final Connection connection;
  private final Path file;
  private final long maxBytes;

  private DiskLevel(Connection connection, Path file, long maxBytes) {
    this.connection = connection;
    this.file = file;
    this.maxBytes = maxBytes;
  }

  /**
   * Opens (creating when needed) the index file.
   *
   * @throws SQLException when the file cannot be opened or written
   */
  static DiskLevel open(Path file, long maxBytes) throws SQLException {
    Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
    try (Statement s = connection.createStatement()) {
      s.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MILLIS);
      s.execute("PRAGMA journal_mode = WAL");
      s.execute(
          "CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, kind TEXT NOT NULL,"
              + " content_hash TEXT NOT NULL, bytes INTEGER NOT NULL, sha256 TEXT NOT NULL,"
              + " payload BLOB NOT NULL, last_used INTEGER NOT NULL)");
      s.execute("CREATE INDEX IF NOT EXISTS entries_by_use ON entries (last_used)");
      s.execute(
          "CREATE TABLE IF NOT EXISTS counters (level TEXT NOT NULL, kind TEXT NOT NULL,"
              + " outcome TEXT NOT NULL, count INTEGER NOT NULL,"
              + " PRIMARY KEY (level, kind, outcome))");
    } catch (SQLException e) {
      try {
        connection.close();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    return new DiskLevel(connection, file, maxBytes);
  }

  Path file() {
    return file;
  }

  long maxBytes() {
    return maxBytes;
  }

  /** A stored payload, checked against its sha256; a damaged row is deleted and reported. */
  synchronized Optional<byte[]> get(FeatureKey key) throws SQLException, CorruptEntryException {
    byte[] payload;
    String sha256;
    try (PreparedStatement select =
        connection.prepareStatement("SELECT payload, sha256 FROM entries WHERE key = ?")) {
      select.setString(1, key.digest());
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        payload = row.getBytes(1);
        sha256 = row.getString(2);
      }
    }
    if (payload == null || !FeatureKey.Digests.sha256(payload).equals(sha256)) {
      remove(key);
      throw new CorruptEntryException(
          "the " + key.kind().id() + " entry does not match its checksum", null);
    }
    try (PreparedStatement touch =
        connection.prepareStatement(
            "UPDATE entries SET last_used = (SELECT MAX(last_used) + 1 FROM entries) WHERE key = ?")) {
      touch.setString(1, key.digest());
      touch.executeUpdate();
    }
    return Optional.of(payload);
  }

  /**
   * Stores a payload as the most recently used entry, then drops the least recently used ones until
   * the file is within its bound; a payload larger than the bound is not stored.
   *
   * @return the kinds of the entries evicted
   */
  synchronized List<FeatureKind> put(FeatureKey key, byte[] payload) throws SQLException {
    if (payload.length > maxBytes) {
      return List.of();
    }
    List<FeatureKind> evicted = new ArrayList<>();
    connection.setAutoCommit(false);
    try {
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT OR REPLACE INTO entries (key, kind, content_hash, bytes, sha256, payload,"
                  + " last_used) VALUES (?, ?, ?, ?, ?, ?,"
                  + " (SELECT COALESCE(MAX(last_used), 0) + 1 FROM entries))")) {
        insert.setString(1, key.digest());
        insert.setString(2, key.kind().id());
        insert.setString(3, key.contentHash());
        insert.setLong(4, payload.length);
        insert.setString(5, FeatureKey.Digests.sha256(payload));
        insert.setBytes(6, payload);
        insert.executeUpdate();
      }
      long total = totalBytes();
      if (total > maxBytes) {
        List<String> victims = new ArrayList<>();
        try (PreparedStatement oldest =
                connection.prepareStatement(
                    "SELECT key, kind, bytes FROM entries WHERE key <> ? ORDER BY last_used");
            PreparedStatement delete =
                connection.prepareStatement("DELETE FROM entries WHERE key = ?")) {
          oldest.setString(1, key.digest());
          try (ResultSet row = oldest.executeQuery()) {
            while (total > maxBytes && row.next()) {
              victims.add(row.getString(1));
              evicted.add(FeatureKind.of(row.getString(2)));
              total -= row.getLong(3);
            }
          }
          for (String victim : victims) {
            delete.setString(1, victim);
            delete.executeUpdate();
          }
        }
      }
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(true);
    }
    return evicted;
  }

  synchronized void remove(FeatureKey key) throws SQLException {
    try (PreparedStatement delete =
        connection.prepareStatement("DELETE FROM entries WHERE key = ?")) {
      delete.setString(1, key.digest());
      delete.executeUpdate();
    }
  }

  /** Adds to a persistent counter, so that {@code sentio cache stats} sees every process's. */
  synchronized void count(CacheLevel level, FeatureKind kind, String outcome, long n)
      throws SQLException {
    try (PreparedStatement upsert =
        connection.prepareStatement(
            "INSERT INTO counters (level, kind, outcome, count) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (level, kind, outcome) DO UPDATE SET count = count + excluded.count")) {
      upsert.setString(1, level.id());
      upsert.setString(2, kind.id());
      upsert.setString(3, outcome);
      upsert.setLong(4, n);
      upsert.executeUpdate();
    }
  }

  /** The persistent counters: level → kind → outcome → count. */
  synchronized Map<CacheLevel, Map<FeatureKind, Map<String, Long>>> counters() throws SQLException {
    Map<CacheLevel, Map<FeatureKind, Map<String, Long>>> counts = new EnumMap<>(CacheLevel.class);
    try (Statement s = connection.createStatement();
        ResultSet row = s.executeQuery("SELECT level, kind, outcome, count FROM counters")) {
      while (row.next()) {
        counts
            .computeIfAbsent(
                CacheLevel.valueOf(row.getString(1).toUpperCase(java.util.Locale.ROOT)),
                l -> new EnumMap<>(FeatureKind.class))
            .computeIfAbsent(FeatureKind.of(row.getString(2)), k -> new java.util.HashMap<>())
            .merge(row.getString(3), row.getLong(4), Long::sum);
      }
    }
    return counts;
  }

  /** Entries and bytes held, by kind: {@code [entries, bytes]}. */
  synchronized Map<FeatureKind, long[]> holdings() throws SQLException {
    Map<FeatureKind, long[]> held = new EnumMap<>(FeatureKind.class);
    try (Statement s = connection.createStatement();
        ResultSet row =
            s.executeQuery("SELECT kind, COUNT(*), SUM(bytes) FROM entries GROUP BY kind")) {
      while (row.next()) {
        held.put(FeatureKind.of(row.getString(1)), new long[] {row.getLong(2), row.getLong(3)});
      }
    }
    return held;
  }

  /** Drops every entry and counter and gives the space back to the file system. */
  synchronized void clear() throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute("DELETE FROM entries");
      s.execute("DELETE FROM counters");
      s.execute("VACUUM");
    }
  }

  private long totalBytes() throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet row = s.executeQuery("SELECT COALESCE(SUM(bytes), 0) FROM entries")) {
      return row.next() ? row.getLong(1) : 0;
    }
  }

  @Override
  public synchronized void close() throws SQLException {
    connection.close();
  }
}
