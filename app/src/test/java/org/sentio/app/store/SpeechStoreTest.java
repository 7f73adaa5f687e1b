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
import org.sentio.affect.AbsenceReason;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.Emotion;
import org.sentio.affect.EmotionDistribution;
import org.sentio.affect.Modality;
import org.sentio.affect.pipeline.SessionResult;
import org.sentio.affect.pipeline.Speaker;
import org.sentio.affect.pipeline.SpeakerRole;
import org.sentio.affect.pipeline.TranscriptOrigin;
import org.sentio.affect.pipeline.TranscriptSource;
import org.sentio.affect.pipeline.Utterance;
import org.sentio.affect.speech.RecognizedWord;

/** Recognised transcripts, words, speakers and the transcript's origin in a real SQLite store. */
class SpeechStoreTest {
  @TempDir Path data;

  /** A session whose words came from speech recognition, with two speakers. */
  static SessionResult recognised(String title) {
    SessionResult r = SampleSessions.sample(title, 6);
    List<Utterance> transcript =
        List.of(
            new Utterance(
                0.4,
                1.6,
                "kids are talking",
                AffectEstimate.present(
                    Modality.TEXT,
                    EmotionDistribution.certain(Emotion.HAPPY),
                    0.3,
                    Double.NaN,
                    0.6),
                "S1",
                TranscriptSource.ASR,
                0.9,
                List.of(
                    new RecognizedWord("kids", 0.4, 0.8, 1.0),
                    new RecognizedWord("are", 0.8, 1.0, 0.75),
                    new RecognizedWord("talking", 1.0, 1.6, 0.95)),
                null),
            new Utterance(
                2.0,
                2.5,
                "refund now",
                AffectEstimate.absent(Modality.TEXT, AbsenceReason.NO_TEXT, null),
                "S2",
                TranscriptSource.ASR,
                0.5,
                List.of(new RecognizedWord("fun", 2.0, 2.5, 0.5)),
                "fun"));
    return r.toBuilder()
        .transcript(transcript)
        .speakers(
            List.of(
                new Speaker("S1", SpeakerRole.AGENT, 0, null),
                new Speaker("S2", SpeakerRole.CUSTOMER, 1, 2)))
        .transcriptOrigin(TranscriptOrigin.asr("asr-en", "0.3.45", "en"))
        .build();
  }

  @Test
  void recognisedWordsSpeakersAndSourceReadBackEqual() throws Exception {
    SessionResult original = recognised("asr call");
    try (SessionStore store = SessionStore.open(data)) {
      long id = store.sessions().save(original);
      SessionResult loaded = store.sessions().load(id).orElseThrow().result();

      assertThat(loaded)
          .usingRecursiveComparison()
          .withComparatorForType(Double::compare, Double.class)
          .isEqualTo(original);
      assertThat(loaded.transcript().get(1).corrected()).isTrue();
      assertThat(loaded.speakersIn(loaded.windows().get(0))).containsExactly("S1");
      assertThat(store.sessions().delete(id)).isTrue();
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("sentio.db"));
        ResultSet rows =
            c.createStatement()
                .executeQuery(
                    "SELECT (SELECT COUNT(*) FROM transcript_word), (SELECT COUNT(*) FROM speaker)")) {
      assertThat(rows.getInt(1)).as("words go with the session").isZero();
      assertThat(rows.getInt(2)).as("speakers go with the session").isZero();
    }
  }

  @Test
  void aGivenTranscriptIsStoredAsFromAFileAndNoTranscriptAsNone() throws Exception {
    try (SessionStore store = SessionStore.open(data)) {
      SessionResult given =
          store
              .sessions()
              .load(store.sessions().save(SampleSessions.sample("srt", 3)))
              .orElseThrow()
              .result();
      SessionResult sample = SampleSessions.sample("none", 3);
      SessionResult none =
          store
              .sessions()
              .load(
                  store
                      .sessions()
                      .save(
                          SessionResult.builder(
                                  sample.title(), sample.createdAt(), sample.options())
                              .media(sample.media())
                              .durationSeconds(sample.durationSeconds())
                              .windows(sample.windows())
                              .models(sample.models())
                              .fusionMethod(sample.fusionMethod())
                              .warnings(sample.warnings())
                              .build()))
              .orElseThrow()
              .result();

      assertThat(given.transcriptOrigin()).isEqualTo(TranscriptOrigin.FILE);
      assertThat(given.transcript())
          .allSatisfy(u -> assertThat(u.source()).isEqualTo(TranscriptSource.FILE));
      assertThat(given.transcript()).allSatisfy(u -> assertThat(u.confidence()).isNaN());
      assertThat(none.transcriptOrigin()).isNull();
    }
  }

  @Test
  void aVersion4StoreMigratesAndItsTranscriptsReadAsFromAFile() throws Exception {
    String url = "jdbc:sqlite:" + data.resolve(SessionStore.DATABASE_FILE);
    Flyway.configure()
        .dataSource(url, null, null)
        .locations("classpath:db/migration")
        .target("4")
        .load()
        .migrate();
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute(
          "INSERT INTO session (title, created_at, status, duration_seconds, analysis_fps,"
              + " window_seconds, hop_seconds, fusion_method)"
              + " VALUES ('old call', '2026-11-01T09:00:00Z', 'done', 1.0, 5, 1.0, 0.5, 'moe')");
      s.execute(
          "INSERT INTO transcript_segment (session_id, idx, start_seconds, end_seconds, text,"
              + " present, confidence, absence) VALUES (1, 0, 0, 1, 'hello there', 0, 0, 'NO_TEXT')");
    }

    try (SessionStore store = SessionStore.open(data)) {
      SessionResult old = store.sessions().load(1).orElseThrow().result();
      assertThat(old.transcriptOrigin()).isEqualTo(TranscriptOrigin.FILE);
      assertThat(old.transcript())
          .singleElement()
          .satisfies(u -> assertThat(u.source()).isEqualTo(TranscriptSource.FILE))
          .satisfies(u -> assertThat(u.words()).isEmpty())
          .satisfies(u -> assertThat(u.speaker()).isNull());
      assertThat(old.speakers()).isEmpty();
    }
  }
}
