package org.sentio.app.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The encryption of a store's sensitive fields (ADR 0032; table {@code store_key}, migration V16):
 * which key opens the store, the step that encrypts the fields of a store from before V16, and the
 * recovery key. V16 gives each store a random id; its key is kept under that id by {@link
 * StoreKeys}, and {@code store_key.key_check} (a sealed constant) tells the right key from a wrong
 * one before anything is read or written.
 *
 * <p>The step after Flyway runs under the migration lock. While {@code key_check} is empty it finds
 * or makes the key, keeps it, then encrypts every transcript text, original text and word text and
 * sets {@code key_check} in one transaction: a process killed during it leaves the store as it was,
 * and the next start does it again with the same key.
 */
public final class StoreEncryption {
  private static final String CHECK_TEXT = "sentio store key check";
  private static final String RECOVERY_HEADER = "Sentio session store recovery key";
  private static final String STORE_LINE = "store: ";
  private static final String KEY_LINE = "key: ";

  private StoreEncryption() {}

  /** What opens a store, as the CLI and Settings say it. */
  public record Status(
      Path database, String storeId, boolean keyFound, boolean keyMatches, String where) {
    /** One line: where the key is, or what is wrong and what to do. */
    public String describe(StoreKeys keys) {
      if (keyFound && keyMatches) {
        return "Sensitive fields of "
            + database
            + " are encrypted (AES-256-GCM); the key (store "
            + storeId
            + ") is in "
            + where
            + ". Keys are kept in "
            + keys.describe()
            + ". Keep a recovery key: sentio store key export --out FILE";
      }
      return locked(this, keys);
    }
  }

  private static String locked(Status s, StoreKeys keys) {
    if (!s.keyFound) {
      return s.database
          + ": the key of this store (store "
          + s.storeId
          + ") is missing: not in "
          + keys.describe()
          + ". Transcripts cannot be read and nothing new is written; import the recovery key"
          + " with `sentio store key import FILE`";
    }
    return s.database
        + ": the key found in "
        + s.where
        + " does not open this store (store "
        + s.storeId
        + "): it was changed or belongs to another store. Transcripts cannot be read and nothing"
        + " new is written; import this store's recovery key with `sentio store key import FILE`";
  }

  /**
   * The step after Flyway: the cipher of the store at {@code database}, encrypting the fields of a
   * store from before V16 first. A missing or wrong key gives a locked cipher, not an error:
   * sessions still list, and the key can be imported.
   */
  static FieldCipher prepare(Path database, StoreKeys keys) throws StoreException {
    try (Connection c = StoreConnections.open(database, "the store key")) {
      String storeId;
      String keyCheck;
      try (PreparedStatement s =
              c.prepareStatement("SELECT store_id, key_check FROM store_key WHERE id = 1");
          ResultSet rows = s.executeQuery()) {
        if (!rows.next()) {
          throw new StoreException(
              database + ": the store has no store_key row; restore it from a backup", null);
        }
        storeId = rows.getString("store_id");
        keyCheck = rows.getString("key_check");
      }
      Optional<StoreKeys.Found> found = keys.find(storeId);
      if (keyCheck != null) {
        Status status = status(database, storeId, keyCheck, found);
        return status.keyFound && status.keyMatches
            ? FieldCipher.withKey(found.orElseThrow().key())
            : FieldCipher.unavailable(locked(status, keys));
      }
      byte[] key;
      if (found.isPresent()) {
        key = found.get().key(); // kept by a start that was killed before it committed
      } else {
        key = new byte[FieldCipher.KEY_BYTES];
        new SecureRandom().nextBytes(key);
        keys.save(storeId, key);
      }
      FieldCipher cipher = FieldCipher.withKey(key);
      encryptExisting(c, cipher, storeId);
      return cipher;
    } catch (SQLException e) {
      throw new StoreException(
          database + ": cannot encrypt the stored transcripts (" + e.getMessage() + ")", e);
    }
  }

  private static FieldCipher.Address checkAddress(String storeId) {
    return new FieldCipher.Address("store_key.key_check", storeId);
  }

  private static boolean opens(byte[] key, String keyCheck, String storeId) {
    try {
      return CHECK_TEXT.equals(FieldCipher.withKey(key).open(keyCheck, checkAddress(storeId)));
    } catch (SQLException wrongKey) {
      return false;
    }
  }

  private static Status status(
      Path database, String storeId, String keyCheck, Optional<StoreKeys.Found> found) {
    return new Status(
        database,
        storeId,
        found.isPresent(),
        found.isPresent() && opens(found.get().key(), keyCheck, storeId),
        found.map(StoreKeys.Found::where).orElse(null));
  }

  /** Every transcript text, original text and word text sealed, and key_check set: one commit. */
  private static void encryptExisting(Connection c, FieldCipher cipher, String storeId)
      throws SQLException {
    c.setAutoCommit(false);
    try {
      record Segment(long session, int idx, String text, String original) {}
      List<Segment> segments = new ArrayList<>();
      try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT session_id, idx, text, original_text FROM transcript_segment");
          ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          segments.add(
              new Segment(rows.getLong(1), rows.getInt(2), rows.getString(3), rows.getString(4)));
        }
      }
      try (PreparedStatement u =
          c.prepareStatement(
              "UPDATE transcript_segment SET text = ?, original_text = ?"
                  + " WHERE session_id = ? AND idx = ?")) {
        for (Segment seg : segments) {
          u.setString(
              1,
              cipher.seal(seg.text, FieldCipher.Address.utterance("text", seg.session, seg.idx)));
          u.setString(
              2,
              cipher.seal(
                  seg.original,
                  FieldCipher.Address.utterance("original_text", seg.session, seg.idx)));
          u.setLong(3, seg.session);
          u.setInt(4, seg.idx);
          u.addBatch();
        }
        u.executeBatch();
      }
      record Word(long session, int segment, int idx, String text) {}
      List<Word> words = new ArrayList<>();
      try (PreparedStatement s =
              c.prepareStatement("SELECT session_id, segment_idx, idx, text FROM transcript_word");
          ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          words.add(new Word(rows.getLong(1), rows.getInt(2), rows.getInt(3), rows.getString(4)));
        }
      }
      try (PreparedStatement u =
          c.prepareStatement(
              "UPDATE transcript_word SET text = ? WHERE session_id = ? AND segment_idx = ?"
                  + " AND idx = ?")) {
        for (Word w : words) {
          u.setString(
              1, cipher.seal(w.text, FieldCipher.Address.word(w.session, w.segment, w.idx)));
          u.setLong(2, w.session);
          u.setInt(3, w.segment);
          u.setInt(4, w.idx);
          u.addBatch();
        }
        u.executeBatch();
      }
      try (PreparedStatement u =
          c.prepareStatement("UPDATE store_key SET key_check = ? WHERE id = 1")) {
        u.setString(1, cipher.seal(CHECK_TEXT, checkAddress(storeId)));
        u.executeUpdate();
      }
      c.commit();
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }

  /** The key status of {@code store}. */
  public static Status status(SessionStore store) throws StoreException {
    return status(store, StoreKeys.forThisUser());
  }

  static Status status(SessionStore store, StoreKeys keys) throws StoreException {
    Path database = store.databaseFile();
    try (Connection c = StoreConnections.open(database, "the store key");
        PreparedStatement s =
            c.prepareStatement("SELECT store_id, key_check FROM store_key WHERE id = 1");
        ResultSet rows = s.executeQuery()) {
      if (!rows.next()) {
        throw new StoreException(
            database + ": the store has no store_key row; restore it from a backup", null);
      }
      String storeId = rows.getString(1);
      return status(database, storeId, rows.getString(2), keys.find(storeId));
    } catch (SQLException e) {
      throw new StoreException(
          database + ": cannot read the store key (" + e.getMessage() + ")", e);
    }
  }

  /**
   * Writes the recovery key of {@code store} to {@code out} (a new file, readable by this user
   * only); refuses when the key is missing or wrong, or {@code out} exists.
   */
  public static void exportRecoveryKey(SessionStore store, Path out) throws StoreException {
    exportRecoveryKey(store, StoreKeys.forThisUser(), out);
  }

  static void exportRecoveryKey(SessionStore store, StoreKeys keys, Path out)
      throws StoreException {
    Status status = status(store, keys);
    if (!status.keyFound || !status.keyMatches) {
      throw new StoreException(locked(status, keys), null);
    }
    byte[] key = keys.find(status.storeId).orElseThrow().key();
    String text =
        RECOVERY_HEADER
            + "\n"
            + STORE_LINE
            + status.storeId
            + "\n"
            + KEY_LINE
            + Base64.getEncoder().encodeToString(key)
            + "\n";
    try {
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        Files.createFile(
            out,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } else {
        Files.createFile(out);
      }
      Files.writeString(out, text, StandardCharsets.US_ASCII, StandardOpenOption.WRITE);
    } catch (FileAlreadyExistsException e) {
      throw new StoreException(
          out + ": already exists; nothing written. Choose a new file name", e);
    } catch (NoSuchFileException e) {
      throw new StoreException(
          out + ": its folder does not exist; nothing written. Create it or choose another", e);
    } catch (IOException e) {
      throw new StoreException(out + ": cannot write (" + e.getMessage() + ")", e);
    }
  }

  /**
   * Keeps the key in recovery file {@code file} for {@code store} after checking that it opens the
   * store; says where it was kept. A file of another store, a changed file or not a recovery key is
   * refused and nothing is kept.
   */
  public static String importRecoveryKey(SessionStore store, Path file) throws StoreException {
    return importRecoveryKey(store, StoreKeys.forThisUser(), file);
  }

  static String importRecoveryKey(SessionStore store, StoreKeys keys, Path file)
      throws StoreException {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      throw new StoreException(
          file + ": no such file; give the file written by `sentio store key export`", e);
    } catch (IOException e) {
      throw new StoreException(
          file
              + ": cannot read ("
              + e.getMessage()
              + "); give the file written by `sentio store key export`",
          e);
    }
    String storeId = value(lines, STORE_LINE);
    String encoded = value(lines, KEY_LINE);
    if (lines.isEmpty()
        || !RECOVERY_HEADER.equals(lines.get(0).strip())
        || storeId == null
        || encoded == null) {
      throw new StoreException(
          file + ": not a Sentio recovery key; give the file written by `sentio store key export`",
          null);
    }
    Status status = status(store, keys);
    if (!storeId.equals(status.storeId)) {
      throw new StoreException(
          file
              + ": the recovery key of store "
              + storeId
              + ", not of "
              + status.database
              + " (store "
              + status.storeId
              + "); nothing changed. Give this store's recovery key",
          null);
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(encoded);
    } catch (IllegalArgumentException e) {
      key = new byte[0];
    }
    String keyCheck = keyCheck(store);
    if (key.length != FieldCipher.KEY_BYTES || !opens(key, keyCheck, storeId)) {
      throw new StoreException(
          file
              + ": this key does not open "
              + status.database
              + " (the file was changed); nothing changed. Give the file as exported",
          null);
    }
    if (status.keyFound && status.keyMatches) {
      return status.where;
    }
    return keys.save(storeId, key);
  }

  private static String keyCheck(SessionStore store) throws StoreException {
    Path database = store.databaseFile();
    try (Connection c = StoreConnections.open(database, "the store key");
        PreparedStatement s = c.prepareStatement("SELECT key_check FROM store_key WHERE id = 1");
        ResultSet rows = s.executeQuery()) {
      return rows.next() ? rows.getString(1) : null;
    } catch (SQLException e) {
      throw new StoreException(
          database + ": cannot read the store key (" + e.getMessage() + ")", e);
    }
  }

  private static String value(List<String> lines, String prefix) {
    return lines.stream()
        .map(String::strip)
        .filter(l -> l.startsWith(prefix))
        .map(l -> l.substring(prefix.length()).strip())
        .findFirst()
        .orElse(null);
  }
}
