package org.sentio.affect.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.affect.Modality;
import org.sentio.affect.speech.RecognizedWord;
import org.sentio.affect.speech.SpeechTestModels;
import org.sentio.affect.train.ShippedModels;
import org.sentio.affect.voice.AudioFiles;

/**
 * Speech recognition inside the analysis, on real speech (two RAVDESS statements with pauses):
 * words become timed utterances read by the text model, a given transcript wins, ASR can be turned
 * off, and a language without a model or a silent recording gives a result, not a failure.
 */
class SpeechPipelineTest {
  private static Analyzers analyzers;
  private static Path call;

  @TempDir static Path work;

  @BeforeAll
  static void open() throws Exception {
    analyzers = Analyzers.load(ShippedModels.registry(), ShippedModels.host());
    float[] kids =
        AudioFiles.readMono(SpeechTestModels.ravdess("Actor_01/03-01-01-01-01-02-01.flac"), 16_000);
    float[] dogs =
        AudioFiles.readMono(SpeechTestModels.ravdess("Actor_02/03-01-05-02-02-01-02.flac"), 16_000);
    call =
        SpeechTestModels.writeWav(
            work.resolve("call.wav"), SpeechTestModels.withGaps(1.5, kids, dogs));
  }

  @AfterAll
  static void close() throws Exception {
    analyzers.close();
  }

  private static SessionResult analyse(AnalysisRequest request) throws Exception {
    return new AnalysisPipeline(analyzers).analyse(request, ProgressListener.NONE, () -> false);
  }

  @Test
  void recognisesWordsWhenNoTranscriptIsGiven() throws Exception {
    SessionResult result =
        analyse(new AnalysisRequest(call, null, null, "call", AnalysisOptions.DEFAULT));

    assertThat(result.transcriptOrigin()).isEqualTo(TranscriptOrigin.asr("asr-en", "0.3.45", "en"));
    assertThat(result.transcript()).hasSize(2);
    Utterance first = result.transcript().get(0);
    Utterance second = result.transcript().get(1);
    assertThat(first.text()).contains("kids").contains("door");
    assertThat(second.text()).contains("dogs").contains("door");
    assertThat(second.startSeconds()).isGreaterThan(first.endSeconds() + 1.0);
    for (Utterance u : result.transcript()) {
      assertThat(u.source()).isEqualTo(TranscriptSource.ASR);
      assertThat(u.speaker()).isIn("S1", "S2");
      assertThat(u.confidence()).isBetween(0.0, 1.0);
      assertThat(u.words()).isNotEmpty();
      assertThat(u.text())
          .isEqualTo(String.join(" ", u.words().stream().map(RecognizedWord::text).toList()));
      assertThat(u.affect().isPresent()).isTrue();
    }
    assertThat(result.windows())
        .anyMatch(w -> w.estimate(Modality.TEXT).isPresent())
        .anyMatch(w -> !w.estimate(Modality.TEXT).isPresent());
    assertThat(result.models()).anyMatch(m -> m.name().equals("asr-en"));
    // Two utterances by two actors, the count decided from the voices: one or two speakers.
    assertThat(result.speakers()).hasSizeBetween(1, 2);
    assertThat(result.speakers().get(0))
        .isEqualTo(
            new Speaker(
                "S1",
                SpeakerRole.AGENT,
                null,
                null,
                "no video: the recording has no faces to link"));
    // Voice prints told the speakers apart, so the speaker model is among the models used.
    assertThat(result.models()).anyMatch(m -> m.name().equals("speaker-xvector"));
    assertThat(first.speaker()).isEqualTo("S1");
    assertThat(result.warnings()).isEmpty();
  }

  @Test
  void aGivenTranscriptWins() throws Exception {
    Path srt = work.resolve("call.srt");
    Files.writeString(srt, "1\n00:00:01,500 --> 00:00:04,000\nI am so angry about this\n");

    SessionResult result =
        analyse(new AnalysisRequest(call, srt, null, "call", AnalysisOptions.DEFAULT));

    assertThat(result.transcriptOrigin()).isEqualTo(TranscriptOrigin.FILE);
    assertThat(result.transcript())
        .singleElement()
        .satisfies(u -> assertThat(u.source()).isEqualTo(TranscriptSource.FILE))
        .satisfies(u -> assertThat(u.words()).isEmpty());
    assertThat(result.models()).noneMatch(m -> m.name().equals("asr-en"));
  }

  @Test
  void recognitionCanBeTurnedOff() throws Exception {
    SessionResult result =
        analyse(
            new AnalysisRequest(call, null, null, "call", AnalysisOptions.DEFAULT, false, "en"));

    assertThat(result.transcript()).isEmpty();
    assertThat(result.transcriptOrigin()).isNull();
    assertThat(result.windows()).noneMatch(w -> w.estimate(Modality.TEXT).isPresent());
  }

  @Test
  void aLanguageWithoutAModelIsAWarningNotAFailure() throws Exception {
    SessionResult result =
        analyse(new AnalysisRequest(call, null, null, "call", AnalysisOptions.DEFAULT, true, "zh"));

    assertThat(result.transcript()).isEmpty();
    assertThat(result.warnings())
        .singleElement()
        .asString()
        .contains("no speech recognition model for language 'zh'")
        .contains("sentio models install DIR --lang zh");
    assertThat(result.windows()).anyMatch(w -> w.estimate(Modality.VOICE).isPresent());
  }

  @Test
  void aSilentRecordingHasNoWords() throws Exception {
    Path silent = SpeechTestModels.writeWav(work.resolve("silent.wav"), new float[16_000 * 4]);

    SessionResult result =
        analyse(new AnalysisRequest(silent, null, null, "silent", AnalysisOptions.DEFAULT));

    assertThat(result.transcript()).isEmpty();
    assertThat(result.transcriptOrigin().source()).isEqualTo(TranscriptSource.ASR);
    assertThat(result.windows()).hasSizeGreaterThan(5);
    assertThat(result.windows()).noneMatch(w -> w.estimate(Modality.TEXT).isPresent());
  }

  @Test
  void cancellingStopsTheRecognition() throws Exception {
    List<String> stages = new java.util.concurrent.CopyOnWriteArrayList<>();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                new AnalysisPipeline(analyzers)
                    .analyse(
                        new AnalysisRequest(call, null, null, "call", AnalysisOptions.DEFAULT),
                        (done, total, stage) -> stages.add(stage),
                        () -> !stages.isEmpty()))
        .isInstanceOf(AnalysisException.class)
        .hasMessageContaining("cancelled");
  }
}
