package org.sentio.affect.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.affect.speech.SpeechTestModels;
import org.sentio.affect.speech.speaker.Calls;
import org.sentio.affect.train.ShippedModels;
import org.sentio.runtime.ModelException;

/**
 * The voice prints that tell the speakers of a mono call apart come from the transcript's own
 * recogniser in the analysis's one decoding pass (ADR 0052), and tell the call's speakers apart.
 * The call is a real one of the speaker benchmark: RAVDESS actors 11 and 12 taking eight turns,
 * mixed to mono, no speaker count given.
 */
class OneDecodeSpeakerTurnsTest {
  private static final int[] ORDER = {0, 1, 0, 1, 1, 0, 1, 0};

  private static Analyzers analyzers;
  private static Calls.Call built;
  private static Path call;
  private static MeasuredResult analysed;

  @TempDir static Path work;

  @BeforeAll
  static void analyse() throws Exception {
    analyzers = Analyzers.load(ShippedModels.registry(), ShippedModels.host());
    built =
        Calls.build(
            "call-11-12",
            List.of(Calls.ravdessClips(11, 4), Calls.ravdessClips(12, 4)),
            ORDER,
            -25);
    call = SpeechTestModels.writeWav(work.resolve("mono-11-12.wav"), built.mono());
    analysed =
        new AnalysisPipeline(analyzers)
            .analyseMeasured(
                new AnalysisRequest(
                    call, null, null, "call", AnalysisOptions.DEFAULT, true, "en", 0),
                ProgressListener.NONE,
                () -> false);
  }

  @AfterAll
  static void close() throws Exception {
    analyzers.close();
  }

  @Test
  void theTranscriptsRecogniserGivesTheVoicePrints() {
    assertThat(analysed.times().decodePasses()).isEqualTo(1);
    assertThat(analysed.times().speechRecognitionSeconds()).isPositive();
    // No second recogniser ran for the prints (ADR 0043's thread), yet the speakers are told apart.
    assertThat(analysed.times().speakerPrintSeconds()).isZero();
    SessionResult result = analysed.result();
    assertThat(result.warnings()).isEmpty();
    assertThat(result.speakers()).hasSizeGreaterThanOrEqualTo(2);
    assertThat(result.transcript()).hasSizeGreaterThanOrEqualTo(ORDER.length);
    assertThat(result.transcript()).allSatisfy(u -> assertThat(u.speaker()).isNotNull());
  }

  @Test
  void eachUtteranceHasTheSpeakerOfItsTurn() {
    List<Calls.Turn> truth = new ArrayList<>();
    List<Integer> predicted = new ArrayList<>();
    for (Utterance u : analysed.result().transcript()) {
      double middle = (u.startSeconds() + u.endSeconds()) / 2 * 16_000;
      for (Calls.Turn t : built.turns()) {
        if (middle >= t.start() - 3200 && middle <= t.end() + 3200) {
          truth.add(t);
          predicted.add(Integer.parseInt(u.speaker().substring(1)) - 1);
          break;
        }
      }
    }
    int[] labels = predicted.stream().mapToInt(Integer::intValue).toArray();

    assertThat(truth).hasSizeGreaterThanOrEqualTo(ORDER.length);
    // The speaker benchmark had every utterance of this call right, both with these prints and
    // with a second recogniser's; one may go either way (libvosk is not bit-repeatable).
    assertThat(Calls.accuracy(truth, labels, true) * truth.size())
        .isGreaterThanOrEqualTo(truth.size() - 1.0);
  }

  @Test
  void aSpeakerModelThatCannotBeOpenedIsReportedWhenThePrintsAreAskedFor() throws Exception {
    Path missing = work.resolve("no-speaker-model");
    try (SpeakerWorker worker =
        SpeakerWorker.start(
            missing, analyzers.recognizer("en").orElseThrow().model().modelPath())) {
      worker.submitAudio(new float[16_000]);

      assertThatThrownBy(() -> worker.finish(() -> false))
          .isInstanceOf(ModelException.class)
          .hasMessageContaining("no-speaker-model");
    }
  }
}
