package org.sentio.app.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.affect.AbsenceReason;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.AffectWindow;
import org.sentio.affect.Emotion;
import org.sentio.affect.EmotionDistribution;
import org.sentio.affect.FusedEstimate;
import org.sentio.affect.Modality;
import org.sentio.affect.pipeline.SessionResult;
import org.sentio.affect.pipeline.Speaker;
import org.sentio.affect.pipeline.SpeakerReading;

/** Per-speaker readings and face notes in a real SQLite store (migrations V10 and V17). */
class SpeakerReadingRepositoryTest {
  @TempDir Path data;

  /** The recognised two-speaker session with each speaker's readings per window. */
  static SessionResult withReadings() {
    SessionResult r = SpeechStoreTest.recognised("per speaker");
    List<Speaker> speakers = new ArrayList<>();
    for (Speaker s : r.speakers()) {
      speakers.add(s.withoutFace("no face was tracked in the video"));
    }
    List<SpeakerReading> readings = new ArrayList<>();
    for (AffectWindow w : r.windows()) {
      for (Speaker s : speakers) {
        boolean first = s.id().equals("S1");
        AffectEstimate voice =
            first
                ? w.estimate(Modality.VOICE)
                : AffectEstimate.absent(
                    Modality.VOICE, AbsenceReason.NO_SPEECH, "another speaker talks");
        AffectEstimate text =
            first
                ? r.transcript().get(0).affect()
                : AffectEstimate.absent(Modality.TEXT, AbsenceReason.NO_TEXT, null);
        Map<Modality, Double> weights = new EnumMap<>(Modality.class);
        if (first) {
          weights.put(Modality.VOICE, 0.4);
          weights.put(Modality.TEXT, 0.6);
        }
        FusedEstimate fused =
            new FusedEstimate(
                first ? w.fused().emotions() : null,
                first ? w.fused().valence() : Double.NaN,
                first ? w.fused().arousal() : Double.NaN,
                first ? w.fused().confidence() : 0,
                weights,
                List.of(),
                w.fused().method());
        readings.add(new SpeakerReading(s.id(), w.index(), voice, text, fused));
      }
    }
    return r.withSpeakers(speakers).withSpeakerReadings(readings);
  }

  @Test
  void readingsAndFaceNotesReadBackEqualAndGoWithTheSession() throws Exception {
    SessionResult original = withReadings();
    try (SessionStore store = SessionStore.open(data)) {
      long id = store.sessions().save(original);
      SessionResult loaded = store.sessions().load(id).orElseThrow().result();

      assertThat(loaded)
          .usingRecursiveComparison()
          .withComparatorForType(Double::compare, Double.class)
          .isEqualTo(original);
      assertThat(loaded.speakerReadings()).hasSize(2 * original.windows().size());
      assertThat(loaded.speakers())
          .allSatisfy(s -> assertThat(s.faceTrackNote()).startsWith("no face was tracked"));
      assertThat(store.sessions().delete(id)).isTrue();
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("sentio.db"));
        ResultSet rows =
            c.createStatement().executeQuery("SELECT COUNT(*) FROM speaker_estimate")) {
      assertThat(rows.getInt(1)).as("readings go with the session").isZero();
    }
  }

  @Test
  void aVersion9StoreWithSpeakersMigratesWithoutReadings() throws Exception {
    String url = "jdbc:sqlite:" + data.resolve(SessionStore.DATABASE_FILE);
    Flyway.configure()
        .dataSource(url, null, null)
        .locations("classpath:db/migration")
        .target("9")
        .load()
        .migrate();
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute(
          "INSERT INTO session (title, created_at, status, duration_seconds, analysis_fps,"
              + " window_seconds, hop_seconds, fusion_method)"
              + " VALUES ('old call', '2026-11-01T09:00:00Z', 'done', 1.0, 5, 1.0, 0.5, 'moe')");
      s.execute("INSERT INTO speaker (session_id, id, role) VALUES (1, 'S1', 'agent')");
    }

    try (SessionStore store = SessionStore.open(data)) {
      SessionResult old = store.sessions().load(1).orElseThrow().result();
      assertThat(old.speakers())
          .singleElement()
          .satisfies(s -> assertThat(s.faceTrackNote()).isNull());
      assertThat(old.speakerReadings()).isEmpty();
    }
  }

  /**
   * {@link #withReadings} with S1 linked to face track 1 (V17): S1's face read in every window and
   * given a weight in S1's fusion; S2 says no face is linked to them.
   */
  static SessionResult withLinkedFace() {
    SessionResult r = withReadings();
    List<Speaker> speakers =
        List.of(
            r.speakers().get(0).withFace(1, "linked: face track 1"),
            r.speakers().get(1).withoutFace("not linked: no face's mouth follows this speaker"));
    List<SpeakerReading> readings = new ArrayList<>();
    for (SpeakerReading x : r.speakerReadings()) {
      boolean first = x.speaker().equals("S1");
      AffectEstimate face =
          first
              ? AffectEstimate.present(
                  Modality.FACE, EmotionDistribution.certain(Emotion.ANGRY), -0.6, 0.7, 0.5)
              : SpeakerReading.faceOf(speakers.get(1), List.of());
      Map<Modality, Double> weights = new EnumMap<>(Modality.class);
      weights.putAll(x.fused().modalityWeights());
      if (first) {
        weights.put(Modality.FACE, 0.3);
      }
      FusedEstimate f = x.fused();
      readings.add(
          new SpeakerReading(
              x.speaker(),
              x.windowIndex(),
              x.voice(),
              x.text(),
              new FusedEstimate(
                  f.emotions(),
                  f.valence(),
                  f.arousal(),
                  f.confidence(),
                  weights,
                  f.experts(),
                  f.method()),
              face));
    }
    return r.withSpeakers(speakers).withSpeakerReadings(readings);
  }

  @Test
  void theLinkedFaceAndItsWeightReadBackAndReadingsStoredWithoutOneSaySo() throws Exception {
    SessionResult original = withLinkedFace();
    try (SessionStore store = SessionStore.open(data)) {
      long id = store.sessions().save(original);
      SessionResult loaded = store.sessions().load(id).orElseThrow().result();
      assertThat(loaded.speakerReadings())
          .usingRecursiveComparison()
          .withComparatorForType(Double::compare, Double.class)
          .isEqualTo(original.speakerReadings());
      assertThat(loaded.readingsOf("S1"))
          .allSatisfy(
              x -> assertThat(x.fused().modalityWeights()).containsEntry(Modality.FACE, 0.3));
      assertThat(loaded.readingsOf("S2"))
          .allSatisfy(
              x ->
                  assertThat(x.face().absenceDetail())
                      .isEqualTo("no face is linked to this speaker"));
    }
    // as a session stored before V17: readings without a face row
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("sentio.db"));
        Statement s = c.createStatement()) {
      s.execute("DELETE FROM speaker_face_estimate");
    }
    try (SessionStore store = SessionStore.open(data)) {
      SessionResult old = store.sessions().load(1).orElseThrow().result();
      assertThat(old.speakerReadings()).hasSize(original.speakerReadings().size());
      assertThat(old.speakerReadings())
          .allSatisfy(x -> assertThat(x.face()).isEqualTo(SpeakerReading.faceLeftOut()));
    }
  }
}
