package org.sentio.app.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.affect.fusion.ExpertTelemetry;
import org.sentio.affect.pipeline.ModelUse;
import org.sentio.affect.pipeline.SessionResult;

/**
 * Expert-load telemetry and the model runtime note in a real SQLite store, and the V3 → V4 move.
 */
class ExpertLoadStoreTest {
  @TempDir Path data;

  static SessionResult withTelemetry(String title) {
    SessionResult r = SampleSessions.sample(title, 6);
    return r.toBuilder()
        .models(
            List.of(
                new ModelUse("face-expression", "1.0.0", "ab".repeat(32), "CPU"),
                new ModelUse(
                    "fusion-moe",
                    "1.0.0",
                    "cd".repeat(32),
                    "CPU",
                    "fused com.microsoft.MoE, CPU, chosen: 0.21 ms vs 0.35 ms for standard ops"
                        + " (TopK/GatherElements) per batch of 64")))
        .fusionMethod("moe")
        .expertLoad(new ExpertTelemetry(4, 2, 1.25, 64, 6, new long[] {5, 4, 3, 0}, 2, 3))
        .build();
  }

  @Test
  void telemetryAndTheRuntimeNoteReadBackEqualAndGoWithTheSession() throws Exception {
    SessionResult original = withTelemetry("moe call");
    long id;
    long other;
    try (SessionStore store = SessionStore.open(data)) {
      id = store.sessions().save(original);
      other = store.sessions().save(SampleSessions.sample("fallback call", 3));
    }
    try (SessionStore store = SessionStore.open(data)) {
      SessionResult loaded = store.sessions().load(id).orElseThrow().result();
      assertThat(loaded)
          .usingRecursiveComparison()
          .withComparatorForType(Double::compare, Double.class)
          .isEqualTo(original);
      assertThat(loaded.expertLoad()).isEqualTo(original.expertLoad());
      assertThat(loaded.models().get(1).runtime()).contains("chosen: 0.21 ms");
      assertThat(store.sessions().load(other).orElseThrow().result().expertLoad()).isNull();
      assertThat(store.sessions().delete(id)).isTrue();
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("sentio.db"));
        ResultSet rows =
            c.createStatement()
                .executeQuery(
                    "SELECT (SELECT COUNT(*) FROM expert_load),"
                        + " (SELECT COUNT(*) FROM expert_load_count)")) {
      assertThat(rows.getInt(1)).isZero();
      assertThat(rows.getInt(2)).isZero();
    }
  }

  @Test
  void aVersion3StoreMigratesKeepingItsSessions() throws Exception {
    String url = "jdbc:sqlite:" + data.resolve(SessionStore.DATABASE_FILE);
    Flyway.configure()
        .dataSource(url, null, null)
        .locations("classpath:db/migration")
        .target("3")
        .load()
        .migrate();
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute(
          "INSERT INTO session (title, created_at, status, duration_seconds, analysis_fps,"
              + " window_seconds, hop_seconds, fusion_method)"
              + " VALUES ('old call', '2026-11-01T09:00:00Z', 'done', 1.0, 5, 1.0, 0.5, 'moe')");
      s.execute(
          "INSERT INTO analysis_window (session_id, idx, start_seconds, end_seconds)"
              + " VALUES (1, 0, 0, 1)");
      for (String m : List.of("face", "voice", "text")) {
        s.execute(
            "INSERT INTO modality_estimate (session_id, window_idx, modality, present, confidence,"
                + " absence) VALUES (1, 0, '"
                + m
                + "', 0, 0, 'UNREADABLE')");
      }
      s.execute(
          "INSERT INTO fused_estimate (session_id, window_idx, method, p_neutral, p_happy, p_sad,"
              + " p_angry, p_fearful, p_disgusted, p_surprised, confidence, weight_face)"
              + " VALUES (1, 0, 'moe', 0.1, 0.4, 0.1, 0.1, 0.1, 0.1, 0.1, 0.4, 1.0)");
      s.execute(
          "INSERT INTO fused_expert (session_id, window_idx, rank, expert, weight)"
              + " VALUES (1, 0, 0, 7, 0.6), (1, 0, 1, 3, 0.4)");
      s.execute(
          "INSERT INTO model_use (session_id, name, version, sha256, execution_provider)"
              + " VALUES (1, 'fusion-moe', '1.0.0', '"
              + "ef".repeat(32)
              + "', 'CPU')");
    }

    try (SessionStore store = SessionStore.open(data)) {
      SessionResult old = store.sessions().load(1).orElseThrow().result();
      assertThat(old.title()).isEqualTo("old call");
      assertThat(old.windows()).hasSize(1);
      assertThat(old.windows().get(0).fused().experts()).hasSize(2);
      assertThat(old.models()).singleElement().satisfies(m -> assertThat(m.runtime()).isNull());
      assertThat(old.expertLoad()).isNull();
      long added = store.sessions().save(withTelemetry("new call"));
      assertThat(store.sessions().load(added).orElseThrow().result().expertLoad()).isNotNull();
      assertThat(store.sessions().list()).hasSize(2);
    }
    try (Connection c = DriverManager.getConnection(url);
        ResultSet rows =
            c.createStatement()
                .executeQuery("SELECT MAX(CAST(version AS INTEGER)) FROM flyway_schema_history")) {
      assertThat(rows.getInt(1)).isGreaterThanOrEqualTo(4);
    }
  }
}
