package org.sentio.app.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.affect.pipeline.AnalysisOptions;
import org.sentio.affect.pipeline.SessionResult;

class SessionStoreTest {
  @TempDir Path data;

  @Test
  void aSavedSessionReadsBackEqual() throws Exception {
    SessionResult original = SampleSessions.sample("call 1", 7);
    long id;
    try (SessionStore store = SessionStore.open(data)) {
      id = store.sessions().save(original);
    }
    try (SessionStore reopened = SessionStore.open(data)) {
      SessionResult loaded = reopened.sessions().load(id).orElseThrow().result();

      assertThat(loaded)
          .usingRecursiveComparison()
          .withComparatorForType(Double::compare, Double.class)
          .isEqualTo(original);
    }
  }

  @Test
  void listsSessionsNewestFirstWithTheirWindowCounts() throws Exception {
    try (SessionStore store = SessionStore.open(data)) {
      long first = store.sessions().save(SampleSessions.sample("first", 3));
      long second = store.sessions().save(SampleSessions.sample("second", 5));

      List<SessionSummary> sessions = store.sessions().list();

      assertThat(sessions).extracting(SessionSummary::id).containsExactly(second, first);
      assertThat(sessions.get(0).windows()).isEqualTo(5);
      assertThat(sessions.get(0).status()).isEqualTo("done");
      assertThat(sessions.get(0).mediaPath()).isEqualTo("/calls/call 1.mp4");
    }
  }

  @Test
  void deleteRemovesTheSessionAndEverythingStoredWithItButNothingElse() throws Exception {
    try (SessionStore store = SessionStore.open(data)) {
      long kept = store.sessions().save(SampleSessions.sample("kept", 4));
      long gone = store.sessions().save(SampleSessions.sample("gone", 4));

      assertThat(store.sessions().delete(gone)).isTrue();
      assertThat(store.sessions().delete(gone)).isFalse();
      assertThat(store.sessions().load(gone)).isEmpty();
      assertThat(store.sessions().load(kept)).isPresent();
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("sentio.db"));
        ResultSet rows =
            c.createStatement()
                .executeQuery(
                    "SELECT (SELECT COUNT(*) FROM modality_estimate),"
                        + " (SELECT COUNT(*) FROM fused_expert),"
                        + " (SELECT COUNT(*) FROM transcript_segment)")) {
      assertThat(rows.getInt(1)).as("estimates of the kept session only").isEqualTo(4 * 3);
      assertThat(rows.getInt(2)).isEqualTo(2 * 2);
      assertThat(rows.getInt(3)).isEqualTo(2);
    }
  }

  @Test
  void aFailedAnalysisIsRecordedWithItsReason() throws Exception {
    try (SessionStore store = SessionStore.open(data)) {
      long id =
          store.sessions().saveFailed("broken call", AnalysisOptions.DEFAULT, "the model failed");

      SessionSummary summary = store.sessions().summary(id).orElseThrow();
      assertThat(summary.status()).isEqualTo("failed");
      assertThat(summary.failure()).isEqualTo("the model failed");
      assertThat(summary.windows()).isZero();
    }
  }

  @Test
  void aFailingSaveLeavesNoHalfWrittenSessionAndKeepsEarlierOnes() throws Exception {
    try (SessionStore store = SessionStore.open(data)) {
      long earlier = store.sessions().save(SampleSessions.sample("earlier", 3));
      SessionResult valid = SampleSessions.sample("duplicate windows", 3);
      List<org.sentio.affect.AffectWindow> windows = new ArrayList<>(valid.windows());
      windows.add(windows.get(1));
      SessionResult invalid = valid.toBuilder().windows(windows).build();

      assertThatThrownBy(() -> store.sessions().save(invalid)).isInstanceOf(StoreException.class);

      assertThat(store.sessions().list()).extracting(SessionSummary::id).containsExactly(earlier);
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + store.databaseFile());
          ResultSet rows = c.createStatement().executeQuery("SELECT COUNT(*) FROM media")) {
        assertThat(rows.getInt(1))
            .as("the failed session's media row was rolled back")
            .isEqualTo(1);
      }
      assertThat(store.sessions().load(earlier).orElseThrow().result().windows()).hasSize(3);
    }
  }

  @Test
  void twoStoresOnOneFileSaveConcurrently() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<List<Long>>> results = new ArrayList<>();
      for (int worker = 0; worker < 2; worker++) {
        int w = worker;
        results.add(
            pool.submit(
                () -> {
                  List<Long> ids = new ArrayList<>();
                  try (SessionStore store = SessionStore.open(data)) {
                    for (int i = 0; i < 10; i++) {
                      ids.add(store.sessions().save(SampleSessions.sample("w" + w + "-" + i, 20)));
                    }
                  }
                  return ids;
                }));
      }
      List<Long> all = new ArrayList<>();
      for (Future<List<Long>> result : results) {
        all.addAll(result.get());
      }
      try (SessionStore store = SessionStore.open(data)) {
        assertThat(store.sessions().list()).hasSize(20);
        assertThat(all).doesNotHaveDuplicates();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void refusesAFileThatIsNotASessionStoreWithoutTouchingIt() throws Exception {
    byte[] junk = "this is not a database, it is a note".getBytes();
    Files.write(data.resolve("sentio.db"), junk);

    assertThatThrownBy(() -> SessionStore.open(data))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("sentio.db");
    assertThat(Files.readAllBytes(data.resolve("sentio.db"))).isEqualTo(junk);
  }

  @Test
  void refusesADataFolderThatCannotBeCreated() throws Exception {
    Path file = data.resolve("a-file");
    Files.writeString(file, "x");

    assertThatThrownBy(() -> SessionStore.open(file.resolve("sub")))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("a-file")
        .hasMessageContaining("cannot create the data folder");
  }
}
