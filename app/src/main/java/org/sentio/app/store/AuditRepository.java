package org.sentio.app.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.sqlite.SQLiteConfig;

/**
 * The audit log of a session store (table {@code audit_entry}, migration V15; ADR 0030): an
 * append-only list of who opened, revealed, exported, shared or deleted what, each entry chained to
 * the one before by SHA-256. {@link #verify} recomputes the chain, so an entry edited or removed in
 * the file, by any means, is found; entries cut off the end are found against the head recorded in
 * a file beside the store ({@link #HEAD_SUFFIX}), as long as that file is kept. It keeps its own
 * connection to the store's file, opened after {@link SessionStore#open} has migrated it.
 */
public final class AuditRepository implements AutoCloseable {
  /** The previous hash of the first entry. */
  public static final String GENESIS = "0".repeat(64);

  /** What was done. */
  public enum Action {
    OPEN,
    REVEAL,
    EXPORT,
    SHARE,
    DELETE;

    String column() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Action ofColumn(String value) {
      return valueOf(value.toUpperCase(Locale.ROOT));
    }
  }

  /** One entry as stored. */
  public record Entry(
      long seq,
      Instant at,
      String osUser,
      Action action,
      String subject,
      String detail,
      String previousHash,
      String hash) {

    /** The hash this entry should have, from its fields and its predecessor's hash. */
    public String expectedHash() {
      return AuditRepository.hash(
          seq, at.toString(), osUser, action.column(), subject, detail, previousHash);
    }
  }

  /**
   * What {@link #verify} found.
   *
   * @param entries entries read
   * @param head the last entry's hash ({@link #GENESIS} when the log is empty): written down
   *     elsewhere, it shows later whether entries were cut off the end
   * @param problem the first break in the chain, or {@code null} when it holds
   */
  public record Verification(long entries, String head, String problem, Break kind) {
    public boolean intact() {
      return problem == null;
    }

    /**
     * The first entry that is missing, changed or out of place; 0 when the log is intact, -1 when
     * only the recorded head disagrees (which entry was replaced cannot be told).
     */
    public long firstBadEntry() {
      if (intact()) {
        return 0;
      }
      return kind == Break.HEAD_REPLACED || kind == Break.HEAD_UNREADABLE ? -1 : entries + 1;
    }
  }

  /** How the chain broke, for a message in the reader's language. */
  public enum Break {
    REMOVED,
    OUT_OF_ORDER,
    NOT_CHAINED,
    CHANGED,
    CUT_OFF,
    HEAD_REPLACED,
    HEAD_UNREADABLE
  }

  /** Suffix of the file beside the store that records the log's last entry (its head). */
  public static final String HEAD_SUFFIX = ".audit-head";

  private final Connection connection;
  private final Path headFile;

  private AuditRepository(Connection connection, Path headFile) {
    this.connection = connection;
    this.headFile = headFile;
  }

  /** The audit log of {@code store} (already migrated by opening it). */
  public static AuditRepository open(SessionStore store) throws StoreException {
    try {
      SQLiteConfig config = new SQLiteConfig();
      config.setBusyTimeout(30_000);
      config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
      return new AuditRepository(
          config.createConnection("jdbc:sqlite:" + store.databaseFile()),
          store.databaseFile().resolveSibling(store.databaseFile().getFileName() + HEAD_SUFFIX));
    } catch (SQLException e) {
      throw new StoreException(store.databaseFile() + ": cannot open the audit log (" + e + ")", e);
    }
  }

  /** The operating-system user this process runs as. */
  public static String currentUser() {
    String user = System.getProperty("user.name");
    return user == null || user.isBlank() ? "(unknown)" : user;
  }

  /** Appends an entry by the current user, now, in one transaction. */
  public Entry append(Action action, String subject, String detail) throws StoreException {
    return append(Instant.now(), currentUser(), action, subject, detail);
  }

  /** Appends an entry in one transaction, chained to the last one. */
  public synchronized Entry append(
      Instant at, String osUser, Action action, String subject, String detail)
      throws StoreException {
    try {
      connection.setAutoCommit(false);
      long seq = 1;
      String previous = GENESIS;
      try (PreparedStatement last =
              connection.prepareStatement(
                  "SELECT seq, hash FROM audit_entry ORDER BY seq DESC LIMIT 1");
          ResultSet rs = last.executeQuery()) {
        if (rs.next()) {
          seq = rs.getLong(1) + 1;
          previous = rs.getString(2);
        }
      }
      String d = detail == null ? "" : detail;
      String h = hash(seq, at.toString(), osUser, action.column(), subject, d, previous);
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO audit_entry (seq, at, os_user, action, subject, detail, prev_hash, hash)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
        insert.setLong(1, seq);
        insert.setString(2, at.toString());
        insert.setString(3, osUser);
        insert.setString(4, action.column());
        insert.setString(5, subject);
        insert.setString(6, d);
        insert.setString(7, previous);
        insert.setString(8, h);
        insert.executeUpdate();
      }
      connection.commit();
      recordHead(seq, h);
      return new Entry(seq, at, osUser, action, subject, d, previous, h);
    } catch (SQLException e) {
      rollback();
      throw new StoreException("cannot write to the audit log (" + e.getMessage() + ")", e);
    } finally {
      autoCommit();
    }
  }

  /**
   * Writes the new head beside the store (a temporary file moved into place), so that entries cut
   * off the end of the table are found by {@link #verify}. A head older than the table (another
   * process appended meanwhile, or a crash between commit and this write) is harmless: verify only
   * asks that the table reaches the recorded entry and holds its hash.
   */
  private void recordHead(long seq, String hash) throws StoreException {
    try {
      Path temporary = headFile.resolveSibling(headFile.getFileName() + ".tmp");
      Files.writeString(temporary, seq + " " + hash + "\n", StandardCharsets.US_ASCII);
      Files.move(
          temporary, headFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new StoreException(
          headFile
              + ": entry "
              + seq
              + " was written to the audit log, but its head could not be recorded ("
              + e.getMessage()
              + "); check the data folder's permissions",
          e);
    }
  }

  /** The head recorded beside the store: {seq, hash}, or null when none was recorded. */
  private String[] recordedHead() throws StoreException {
    if (!Files.exists(headFile)) {
      return null;
    }
    try {
      String[] parts = Files.readString(headFile, StandardCharsets.US_ASCII).strip().split(" ");
      if (parts.length != 2
          || !parts[0].matches("[0-9]{1,18}")
          || !parts[1].matches("[0-9a-f]{64}")) {
        return new String[] {"?", parts.length > 1 ? parts[1] : ""};
      }
      return parts;
    } catch (IOException e) {
      throw new StoreException(headFile + ": cannot read the audit log's head (" + e + ")", e);
    }
  }

  /** Every entry, oldest first, as stored (unverified). */
  public synchronized List<Entry> entries() throws StoreException {
    List<Entry> entries = new ArrayList<>();
    try (PreparedStatement select =
            connection.prepareStatement(
                "SELECT seq, at, os_user, action, subject, detail, prev_hash, hash"
                    + " FROM audit_entry ORDER BY seq");
        ResultSet rs = select.executeQuery()) {
      while (rs.next()) {
        entries.add(
            new Entry(
                rs.getLong(1),
                Instant.parse(rs.getString(2)),
                rs.getString(3),
                Action.ofColumn(rs.getString(4)),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8)));
      }
    } catch (SQLException | RuntimeException e) {
      throw new StoreException("cannot read the audit log (" + e.getMessage() + ")", e);
    }
    return entries;
  }

  /**
   * Recomputes the chain: entries numbered 1, 2, 3… without a gap, each one's previous hash equal
   * to its predecessor's hash and its own hash equal to the SHA-256 of its fields. A row that
   * cannot even be read (a date or action edited into nonsense) is a break too.
   */
  public synchronized Verification verify() throws StoreException {
    String[] head = recordedHead();
    long headSeq = head == null || head[0].equals("?") ? -1 : Long.parseLong(head[0]);
    String hashAtHead = null;
    long expectedSeq = 1;
    String previous = GENESIS;
    try (PreparedStatement select =
            connection.prepareStatement(
                "SELECT seq, at, os_user, action, subject, detail, prev_hash, hash"
                    + " FROM audit_entry ORDER BY seq");
        ResultSet rs = select.executeQuery()) {
      while (rs.next()) {
        long seq = rs.getLong(1);
        if (seq != expectedSeq) {
          return new Verification(
              expectedSeq - 1,
              previous,
              seq > expectedSeq
                  ? "entry "
                      + expectedSeq
                      + (seq == expectedSeq + 1 ? "" : "–" + (seq - 1))
                      + " removed"
                  : "entry " + seq + " out of order",
              seq > expectedSeq ? Break.REMOVED : Break.OUT_OF_ORDER);
        }
        String at = rs.getString(2);
        String h =
            hash(
                seq,
                at,
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7));
        if (!previous.equals(rs.getString(7))) {
          return new Verification(
              seq - 1,
              previous,
              "entry " + seq + " does not follow entry " + (seq - 1) + " (chain broken)",
              Break.NOT_CHAINED);
        }
        if (!h.equals(rs.getString(8))) {
          return new Verification(
              seq - 1,
              previous,
              "entry " + seq + " was changed after it was written",
              Break.CHANGED);
        }
        if (seq == headSeq) {
          hashAtHead = h;
        }
        previous = h;
        expectedSeq++;
      }
    } catch (SQLException e) {
      throw new StoreException("cannot read the audit log (" + e.getMessage() + ")", e);
    }
    long entries = expectedSeq - 1;
    if (head != null && headSeq < 0) {
      return new Verification(
          entries,
          previous,
          headFile.getFileName() + " beside the store was edited (unreadable)",
          Break.HEAD_UNREADABLE);
    }
    if (head != null && headSeq > entries) {
      return new Verification(
          entries,
          previous,
          "entr"
              + (headSeq == entries + 1 ? "y " + headSeq : "ies " + (entries + 1) + "–" + headSeq)
              + " cut off the end (the head recorded in "
              + headFile.getFileName()
              + " is entry "
              + headSeq
              + ")",
          Break.CUT_OFF);
    }
    if (head != null && headSeq > 0 && !head[1].equals(hashAtHead)) {
      return new Verification(
          entries,
          previous,
          "entry "
              + headSeq
              + " is not the one recorded as the head in "
              + headFile.getFileName()
              + " (entries replaced)",
          Break.HEAD_REPLACED);
    }
    return new Verification(entries, previous, null, null);
  }

  static String hash(
      long seq,
      String at,
      String osUser,
      String action,
      String subject,
      String detail,
      String previousHash) {
    // Fields joined with a unit separator, which none of them may hold unnoticed: a field that
    // tried to would change the split and so the hash.
    String canonical =
        String.join(
            "\u001f",
            Long.toString(seq),
            at,
            osUser,
            action,
            subject,
            detail == null ? "" : detail,
            previousHash);
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(canonical.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }

  private void rollback() {
    try {
      connection.rollback();
    } catch (SQLException ignored) {
      // the connection is broken; the transaction dies with it
    }
  }

  private void autoCommit() {
    try {
      connection.setAutoCommit(true);
    } catch (SQLException ignored) {
      // the next call reports the broken connection
    }
  }

  @Override
  public synchronized void close() throws StoreException {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new StoreException("cannot close the audit log (" + e.getMessage() + ")", e);
    }
  }
}
