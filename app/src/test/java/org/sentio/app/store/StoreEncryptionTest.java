package org.sentio.app.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.affect.pipeline.SessionResult;
import org.sentio.affect.pipeline.Utterance;

/**
 * Transcripts at rest (ADR 0032), on real SQLite files: what is saved reads back equal, the file
 * holds no plaintext of it, a wrong or missing key fails clearly and changes nothing, a value moved
 * to another row does not open, and a store from before V16 is encrypted when it is opened.
 */
class StoreEncryptionTest {
  @TempDir Path data;

  @Test
  void aSessionReadsBackEqualAndTheFileHoldsNoPlaintextOfItsWords() throws Exception {
    SessionResult original = SpeechSessions.twoSpeakers("call", 9);
    long id;
    try (SessionStore store = SessionStore.open(data)) {
      id = store.sessions().save(original);
      Utterance first = original.transcript().get(0);
      store
          .sessions()
          .correctUtterance(
              id, 0, first.correctedTo("kids are whispering", first.affect()), List.of());
    }
    SessionResult loaded;
    try (SessionStore store = SessionStore.open(data)) {
      loaded = store.sessions().load(id).orElseThrow().result();
    }
    assertThat(loaded.transcript().get(0).text()).isEqualTo("kids are whispering");
    assertThat(loaded.transcript().get(0).originalText()).isEqualTo("kids are talking");
    assertThat(loaded.transcript().subList(1, loaded.transcript().size()))
        .usingRecursiveComparison()
        .withComparatorForType(Double::compare, Double.class)
        .isEqualTo(original.transcript().subList(1, original.transcript().size()));
    assertThat(loaded.transcript().get(0).words())
        .usingRecursiveComparison()
        .isEqualTo(original.transcript().get(0).words());

    List<String> stored = storedTexts();
    assertThat(stored).hasSizeGreaterThan(10).allMatch(v -> v.startsWith(FieldCipher.PREFIX));
    byte[] file = fileBytes();
    for (String said : List.of("talking", "whispering", "door", "kids")) {
      assertThat(indexOf(file, said.getBytes(StandardCharsets.UTF_8)))
          .as("plaintext \"%s\" in the store's file", said)
          .isNegative();
    }
  }

  @Test
  void aWrongKeyFailsReadsAndWritesClearlyAndChangesNothing() throws Exception {
    long id;
    try (SessionStore store = SessionStore.open(data)) {
      id = store.sessions().save(SpeechSessions.recognised("call", 6));
    }
    List<String> before = storedTexts();
    Path keyFile = StoreKeys.forThisUser().keyFile(storeId());
    String rightKey = Files.readString(keyFile);
    byte[] other = new byte[32];
    new SecureRandom().nextBytes(other);
    Files.writeString(keyFile, Base64.getEncoder().encodeToString(other));

    try (SessionStore store = SessionStore.open(data)) {
      assertThat(store.sessions().list()).hasSize(1);
      assertThatThrownBy(() -> store.sessions().load(id))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("the key found in " + keyFile)
          .hasMessageContaining("does not open this store")
          .hasMessageContaining("sentio store key import FILE")
          .hasMessageNotContaining("\n");
      assertThatThrownBy(() -> store.sessions().save(SpeechSessions.recognised("another", 4)))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("nothing written");
      assertThat(store.sessions().list()).hasSize(1);
    }
    assertThat(storedTexts()).isEqualTo(before);
    assertThat(Files.readString(keyFile)).isEqualTo(Base64.getEncoder().encodeToString(other));

    Files.writeString(keyFile, rightKey);
    try (SessionStore store = SessionStore.open(data)) {
      assertThat(store.sessions().load(id).orElseThrow().result().transcript().get(1).text())
          .isEqualTo("by the door");
    }
  }

  @Test
  void aMissingKeySaysWhereItLookedAndTheRecoveryKeyBringsItBack() throws Exception {
    long id;
    Path recovery = data.resolve("recovery.txt");
    try (SessionStore store = SessionStore.open(data)) {
      id = store.sessions().save(SpeechSessions.recognised("call", 6));
      StoreEncryption.exportRecoveryKey(store, recovery);
    }
    Path keyFile = StoreKeys.forThisUser().keyFile(storeId());
    Files.delete(keyFile);

    try (SessionStore store = SessionStore.open(data)) {
      assertThatThrownBy(() -> store.sessions().load(id))
          .hasMessageContaining("is missing: not in key files readable only by you in")
          .hasMessageContaining(StoreKeys.forThisUser().folder().toString())
          .hasMessageContaining("import the recovery key with `sentio store key import FILE`");
      assertThat(StoreEncryption.importRecoveryKey(store, recovery)).isEqualTo(keyFile.toString());
    }
    try (SessionStore store = SessionStore.open(data)) {
      assertThat(store.sessions().load(id).orElseThrow().result().transcript()).hasSize(2);
    }
  }

  @Test
  void aCiphertextMovedToAnotherRowDoesNotOpen() throws Exception {
    long first;
    long second;
    try (SessionStore store = SessionStore.open(data)) {
      first = store.sessions().save(SpeechSessions.recognised("one", 6));
      second = store.sessions().save(SpeechSessions.recognised("two", 6));
    }
    try (Connection c = DriverManager.getConnection(url());
        Statement s = c.createStatement()) {
      s.executeUpdate(
          "UPDATE transcript_segment SET text = (SELECT text FROM transcript_segment"
              + " WHERE session_id = "
              + first
              + " AND idx = 1) WHERE session_id = "
              + second
              + " AND idx = 0");
    }
    try (SessionStore store = SessionStore.open(data)) {
      assertThat(store.sessions().load(first)).isPresent();
      assertThatThrownBy(() -> store.sessions().load(second))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("transcript_segment.text of row " + second + "/0")
          .hasMessageContaining("moved from another row");
    }
  }

  @Test
  void aStoreFromBeforeV16IsEncryptedWhenOpenedAndOnlyOnce() throws Exception {
    Flyway.configure()
        .dataSource(url(), null, null)
        .locations("classpath:db/migration")
        .target("15")
        .load()
        .migrate();
    try (Connection c = DriverManager.getConnection(url());
        Statement s = c.createStatement()) {
      s.execute(
          "INSERT INTO session (title, created_at, status, duration_seconds, analysis_fps,"
              + " window_seconds, hop_seconds, fusion_method)"
              + " VALUES ('old call', '2026-11-01T09:00:00Z', 'done', 2.0, 5, 1.0, 0.5, 'moe')");
      s.execute(
          "INSERT INTO transcript_segment (session_id, idx, start_seconds, end_seconds, text,"
              + " present, confidence, absence, source, original_text)"
              + " VALUES (1, 0, 0, 1, 'my card number is 4111', 0, 0, 'NO_TEXT', 'asr',"
              + " 'my cart number is 4111')");
      s.execute(
          "INSERT INTO transcript_word (session_id, segment_idx, idx, text, start_seconds,"
              + " end_seconds, confidence) VALUES (1, 0, 0, 'card', 0.1, 0.3, 0.9)");
    }

    try (SessionStore store = SessionStore.open(data)) {
      Utterance u = store.sessions().load(1).orElseThrow().result().transcript().get(0);
      assertThat(u.text()).isEqualTo("my card number is 4111");
      assertThat(u.originalText()).isEqualTo("my cart number is 4111");
      assertThat(u.words()).singleElement().satisfies(w -> assertThat(w.text()).isEqualTo("card"));
    }
    List<String> encrypted = storedTexts();
    assertThat(encrypted).hasSize(3).allMatch(v -> v.startsWith(FieldCipher.PREFIX));
    assertThat(indexOf(fileBytes(), "4111".getBytes(StandardCharsets.UTF_8))).isNegative();

    try (SessionStore store = SessionStore.open(data)) {
      assertThat(store.sessions().load(1).orElseThrow().result().transcript().get(0).text())
          .isEqualTo("my card number is 4111");
    }
    assertThat(storedTexts()).as("a second open encrypts nothing again").isEqualTo(encrypted);
    assertThat(integrityCheck()).isEqualTo("ok");
  }

  private String url() {
    return "jdbc:sqlite:" + data.resolve(SessionStore.DATABASE_FILE);
  }

  private String storeId() throws Exception {
    try (Connection c = DriverManager.getConnection(url());
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("SELECT store_id FROM store_key")) {
      rows.next();
      return rows.getString(1);
    }
  }

  private String integrityCheck() throws Exception {
    try (Connection c = DriverManager.getConnection(url());
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("PRAGMA integrity_check")) {
      rows.next();
      return rows.getString(1);
    }
  }

  /** Every transcript text, original text and word text as stored, in a fixed order. */
  private List<String> storedTexts() throws Exception {
    List<String> values = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url());
        Statement s = c.createStatement()) {
      for (String sql :
          List.of(
              "SELECT text FROM transcript_segment ORDER BY session_id, idx",
              "SELECT original_text FROM transcript_segment WHERE original_text IS NOT NULL"
                  + " ORDER BY session_id, idx",
              "SELECT text FROM transcript_word ORDER BY session_id, segment_idx, idx")) {
        try (ResultSet rows = s.executeQuery(sql)) {
          while (rows.next()) {
            values.add(rows.getString(1));
          }
        }
      }
    }
    return values;
  }

  /** The store's file and its write-ahead log, as bytes on disk. */
  private byte[] fileBytes() throws Exception {
    byte[] db = Files.readAllBytes(data.resolve(SessionStore.DATABASE_FILE));
    Path wal = data.resolve(SessionStore.DATABASE_FILE + "-wal");
    byte[] log = Files.exists(wal) ? Files.readAllBytes(wal) : new byte[0];
    byte[] all = new byte[db.length + log.length];
    System.arraycopy(db, 0, all, 0, db.length);
    System.arraycopy(log, 0, all, db.length, log.length);
    return all;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
