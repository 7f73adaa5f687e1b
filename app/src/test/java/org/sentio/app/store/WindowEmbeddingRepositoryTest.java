package org.sentio.app.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.AffectWindow;
import org.sentio.affect.Embedding;
import org.sentio.affect.Modality;
import org.sentio.affect.pipeline.SessionResult;

/**
 * The windows' embeddings in a real store file (ADR 0059): stored as half floats, sealed, read back
 * within half-float precision, the rule on size kept, replaced by a transcript correction and gone
 * with their session.
 */
class WindowEmbeddingRepositoryTest {
  @TempDir Path data;

  @Test
  void embeddingsReadBackWithinHalfPrecisionAndGoWithTheirSession() throws Exception {
    SessionResult session = withEmbeddings(SampleSessions.sample("call", 6));
    long kept;
    long gone;
    try (SessionStore store = SessionStore.open(data)) {
      kept = store.sessions().save(session);
      gone = store.sessions().save(session);
    }
    try (SessionStore store = SessionStore.open(data)) {
      Map<Integer, Map<Modality, Embedding>> loaded = store.embeddings().load(kept);
      int expected = 0;
      for (AffectWindow window : session.windows()) {
        for (Modality modality : Modality.values()) {
          AffectEstimate estimate = window.estimate(modality);
          Embedding stored = loaded.getOrDefault(window.index(), Map.of()).get(modality);
          if (!WindowEmbeddingRepository.stored(estimate)) {
            assertThat(stored).as("window %d %s", window.index(), modality).isNull();
            continue;
          }
          expected++;
          assertThat(stored.model()).isEqualTo(estimate.embedding().model());
          assertThat(stored.size()).isEqualTo(estimate.embedding().size());
          for (int i = 0; i < stored.size(); i++) {
            float value = estimate.embedding().value(i);
            assertThat(stored.value(i)).isCloseTo(value, within(Math.abs(value) / 1024 + 1e-7f));
          }
        }
      }
      assertThat(expected).isGreaterThan(6);
      assertThat(loaded.values().stream().mapToInt(Map::size).sum()).isEqualTo(expected);
      assertThat(loaded.get(1)).doesNotContainKey(Modality.FACE);

      WindowEmbeddingRepository.Footprint voice = store.embeddings().footprint(kept).get(VOICE);
      assertThat(voice.size()).isEqualTo(64);
      assertThat(voice.bytes()).isEqualTo(voice.windows() * (64 * 2 + 28L));

      assertThat(store.sessions().delete(gone)).isTrue();
      assertThat(store.embeddings().load(gone)).isEmpty();
      assertThat(store.embeddings().load(kept)).hasSize(loaded.size());
    }
    assertThat(rows(gone)).isZero();
    assertThat(rows(kept)).isEqualTo(loaded(kept));
  }

  @Test
  void aTranscriptCorrectionReplacesTheTextEmbeddingsOfTheWindowsItChanged() throws Exception {
    SessionResult session = withEmbeddings(SampleSessions.sample("call", 4));
    try (SessionStore store = SessionStore.open(data)) {
      long id = store.sessions().save(session);
      AffectWindow first = session.windows().get(0);
      AffectWindow second = session.windows().get(1);
      Embedding corrected = embedding("text-affect-en-bge", 384, 99);
      store
          .sessions()
          .correctUtterance(
              id,
              0,
              session.transcript().get(0),
              List.of(
                  withText(first, first.estimate(Modality.TEXT).withEmbedding(corrected)),
                  withText(second, second.estimate(Modality.TEXT).withEmbedding(null))));

      Map<Integer, Map<Modality, Embedding>> loaded = store.embeddings().load(id);
      assertThat(loaded.get(0).get(Modality.TEXT).value(5))
          .isCloseTo(corrected.value(5), within(1e-3f));
      assertThat(loaded.get(1)).doesNotContainKey(Modality.TEXT).containsKey(VOICE);
      assertThat(loaded.get(2)).containsKey(Modality.TEXT);
    }
  }

  private static final Modality VOICE = Modality.VOICE;

  private int loaded(long id) throws Exception {
    try (SessionStore store = SessionStore.open(data)) {
      return store.embeddings().load(id).values().stream().mapToInt(Map::size).sum();
    }
  }

  private int rows(long id) throws Exception {
    try (Connection c =
            DriverManager.getConnection("jdbc:sqlite:" + data.resolve(SessionStore.DATABASE_FILE));
        ResultSet r =
            c.createStatement()
                .executeQuery("SELECT COUNT(*) FROM window_embedding WHERE session_id = " + id)) {
      return r.getInt(1);
    }
  }

  /**
   * The sample with embeddings on its present estimates: face 512 values, but on window 1 one over
   * the size rule; voice 64; text 384.
   */
  private static SessionResult withEmbeddings(SessionResult sample) {
    List<AffectWindow> windows = new ArrayList<>();
    for (AffectWindow w : sample.windows()) {
      Map<Modality, AffectEstimate> estimates = new EnumMap<>(Modality.class);
      for (Modality m : Modality.values()) {
        AffectEstimate e = w.estimate(m);
        int size =
            switch (m) {
              case FACE -> w.index() == 1 ? WindowEmbeddingRepository.MAX_STORED_SIZE + 1 : 512;
              case VOICE -> 64;
              case TEXT -> 384;
            };
        estimates.put(
            m, e.isPresent() ? e.withEmbedding(embedding(m.label(), size, w.index())) : e);
      }
      windows.add(
          new AffectWindow(w.index(), w.startSeconds(), w.endSeconds(), estimates, w.fused()));
    }
    return sample.toBuilder().windows(windows).build();
  }

  private static AffectWindow withText(AffectWindow w, AffectEstimate text) {
    Map<Modality, AffectEstimate> estimates = new EnumMap<>(w.estimates());
    estimates.put(Modality.TEXT, text);
    return new AffectWindow(w.index(), w.startSeconds(), w.endSeconds(), estimates, w.fused());
  }

  /** Values over several binades, negative and positive, zero among them. */
  private static Embedding embedding(String model, int size, int seed) {
    float[] values = new float[size];
    for (int i = 0; i < size; i++) {
      values[i] = (float) (Math.sin(0.37 * i + seed) * Math.pow(10, (i % 7) - 4));
    }
    values[0] = 0;
    return new Embedding(model, values);
  }
}
