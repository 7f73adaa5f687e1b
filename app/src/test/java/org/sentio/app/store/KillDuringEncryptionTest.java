package org.sentio.app.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Encrypting a store from before V16 is all or nothing: a real child JVM opening a real SQLite
 * store of 40 000 utterances and 120 000 words is killed with SIGKILL at random points from 40 % of
 * a whole run to its end, and each time the store is either wholly as it was (nothing encrypted, no
 * key check) or wholly encrypted (with its key check), passes {@code PRAGMA integrity_check}, and
 * then opens and reads back every word. {@code -Dsentio.kill.count=N} kills more times (default 3).
 * The size of the write-ahead log at the moment of each kill is printed: a large one means the kill
 * landed inside the encrypting transaction.
 */
class KillDuringEncryptionTest {
  private static final int UTTERANCES = 40_000;
  private static final int WORDS_PER_UTTERANCE = 3;

  @TempDir Path work;

  @Test
  void aKilledEncryptionLeavesAllOldOrAllNew() throws Exception {
    Path pristine = work.resolve("pristine");
    makeOldStore(pristine);
    Path timed = copy(pristine, "timed");
    long started = System.nanoTime();
    Process whole = start(timed);
    assertThat(whole.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(whole.exitValue()).isZero();
    long wholeMillis = (System.nanoTime() - started) / 1_000_000;
    assertThat(state(timed)).isEqualTo(State.ALL_NEW);

    int kills = Integer.getInteger("sentio.kill.count", 3);
    Random random = new Random();
    List<String> outcomes = new ArrayList<>();
    for (int k = 0; k < kills; k++) {
      Path store = copy(pristine, "kill-" + k);
      long at = (long) (wholeMillis * (0.4 + 0.6 * random.nextDouble()));
      Process child = start(store);
      long walBytes = -1;
      if (!child.waitFor(at, TimeUnit.MILLISECONDS)) {
        // uncommitted pages the transaction spilled show how far into it the kill landed
        Path wal = store.resolve(SessionStore.DATABASE_FILE + "-wal");
        walBytes = Files.exists(wal) ? Files.size(wal) : 0;
        child.destroyForcibly(); // SIGKILL on Linux
        child.waitFor(1, TimeUnit.MINUTES);
      }
      State state = state(store);
      outcomes.add(at + " ms (WAL " + walBytes + " bytes): " + state);
      assertThat(state)
          .as("after a kill at %d ms of %d", at, wholeMillis)
          .isNotEqualTo(State.MIXED);
      assertThat(integrityCheck(store)).isEqualTo("ok");
      try (SessionStore reopened = SessionStore.open(store)) {
        List<org.sentio.affect.pipeline.Utterance> transcript =
            reopened.sessions().load(1).orElseThrow().result().transcript();
        assertThat(transcript).hasSize(UTTERANCES);
        assertThat(transcript.get(UTTERANCES - 1).text())
            .isEqualTo("utterance " + (UTTERANCES - 1) + " of the old call");
        assertThat(transcript.get(7).words().get(2).text()).isEqualTo("w7.2");
      }
      assertThat(state(store)).isEqualTo(State.ALL_NEW);
    }
    System.out.println("KillDuringEncryptionTest: whole run " + wholeMillis + " ms; " + outcomes);
  }

  enum State {
    ALL_OLD,
    ALL_NEW,
    MIXED
  }

  private static State state(Path store) throws Exception {
    try (Connection c = DriverManager.getConnection(url(store));
        Statement s = c.createStatement()) {
      long sealed = count(s, "SELECT COUNT(*) FROM transcript_segment WHERE text LIKE 'enc:v1:%'");
      long sealedWords =
          count(s, "SELECT COUNT(*) FROM transcript_word WHERE text LIKE 'enc:v1:%'");
      boolean hasKeyTable =
          count(s, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'store_key'") == 1;
      boolean checked =
          hasKeyTable
              && count(s, "SELECT COUNT(*) FROM store_key WHERE key_check IS NOT NULL") == 1;
      if (sealed == 0 && sealedWords == 0 && !checked) {
        return State.ALL_OLD;
      }
      if (sealed == UTTERANCES
          && sealedWords == (long) UTTERANCES * WORDS_PER_UTTERANCE
          && checked) {
        return State.ALL_NEW;
      }
      return State.MIXED;
    }
  }

  private static long count(Statement s, String sql) throws Exception {
    try (ResultSet rows = s.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static String integrityCheck(Path store) throws Exception {
    try (Connection c = DriverManager.getConnection(url(store));
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("PRAGMA integrity_check")) {
      rows.next();
      return rows.getString(1);
    }
  }

  private static Process start(Path store) throws Exception {
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            OpensStore.class.getName(),
            store.toString());
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  private Path copy(Path from, String name) throws Exception {
    Path to = work.resolve(name);
    Files.createDirectories(to);
    Files.copy(from.resolve(SessionStore.DATABASE_FILE), to.resolve(SessionStore.DATABASE_FILE));
    return to;
  }

  private static String url(Path store) {
    return "jdbc:sqlite:" + store.resolve(SessionStore.DATABASE_FILE);
  }

  /** A store at V15 (the version before encryption) with one long plaintext call. */
  private static void makeOldStore(Path folder) throws Exception {
    Files.createDirectories(folder);
    Flyway.configure()
        .dataSource(url(folder), null, null)
        .locations("classpath:db/migration")
        .target("15")
        .load()
        .migrate();
    try (Connection c = DriverManager.getConnection(url(folder))) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute(
            "INSERT INTO session (title, created_at, status, duration_seconds, analysis_fps,"
                + " window_seconds, hop_seconds, fusion_method)"
                + " VALUES ('old call', '2026-11-01T09:00:00Z', 'done', 9999, 5, 1.0, 0.5, 'moe')");
      }
      try (PreparedStatement segment =
              c.prepareStatement(
                  "INSERT INTO transcript_segment (session_id, idx, start_seconds, end_seconds,"
                      + " text, present, confidence, absence, source)"
                      + " VALUES (1, ?, ?, ?, ?, 0, 0, 'NO_TEXT', 'asr')");
          PreparedStatement word =
              c.prepareStatement(
                  "INSERT INTO transcript_word (session_id, segment_idx, idx, text, start_seconds,"
                      + " end_seconds, confidence) VALUES (1, ?, ?, ?, ?, ?, 0.9)")) {
        for (int i = 0; i < UTTERANCES; i++) {
          segment.setInt(1, i);
          segment.setDouble(2, i * 0.25);
          segment.setDouble(3, i * 0.25 + 0.2);
          segment.setString(4, "utterance " + i + " of the old call");
          segment.addBatch();
          for (int w = 0; w < WORDS_PER_UTTERANCE; w++) {
            word.setInt(1, i);
            word.setInt(2, w);
            word.setString(3, "w" + i + "." + w);
            word.setDouble(4, i * 0.25 + w * 0.05);
            word.setDouble(5, i * 0.25 + w * 0.05 + 0.04);
            word.addBatch();
          }
        }
        segment.executeBatch();
        word.executeBatch();
      }
      c.commit();
    }
  }
}
