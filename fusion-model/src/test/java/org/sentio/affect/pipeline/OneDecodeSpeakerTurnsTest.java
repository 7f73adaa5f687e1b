package org.sentio.affect.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.groups.Tuple;
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
 * recogniser in the analysis's one decoding pass (ADR 0052), and give the speakers that a second
 * decoding pass with a recogniser of its own gives. The call is a real one of the speaker
 * benchmark: RAVDESS actors 17 and 18 taking eight turns, mixed to mono, no speaker count given.
 */
class OneDecodeSpeakerTurnsTest {
  private static final int[] ORDER = {0, 1, 0, 1, 1, 0, 1, 0};

  private static Analyzers analyzers;
  private static Path call;
  private static MeasuredResult analysed;

  @TempDir static Path work;

  @BeforeAll
  static void analyse() throws Exception {
    analyzers = Analyzers.load(ShippedModels.registry(), ShippedModels.host());
    Calls.Call built =
        Calls.build(
            "call-17-18",
            List.of(Calls.ravdessClips(17, 4), Calls.ravdessClips(18, 4)),
            ORDER,
            -25);
    call = SpeechTestModels.writeWav(work.resolve("mono-17-18.wav"), built.mono());
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
  void theSpeakersAreThoseOfTheSecondDecodingPass() throws Exception {
    List<Utterance> heard = analysed.result().transcript();
    List<Utterance> withoutSpeakers = new ArrayList<>();
    for (Utterance u : heard) {
      withoutSpeakers.add(
          new Utterance(
              u.startSeconds(),
              u.endSeconds(),
              u.text(),
              u.affect(),
              null,
              u.source(),
              u.confidence(),
              u.words(),
              u.originalText()));
    }
    List<String> warnings = new ArrayList<>();

    SpeakerPass.Turns again =
        SpeakerPass.tell(
            call,
            withoutSpeakers,
            null,
            analyzers.speakerModelDirectory(),
            analyzers.recognizer("en").orElseThrow().model().modelPath(),
            0,
            warnings,
            () -> false);

    assertThat(again.decodedAgain()).isTrue();
    assertThat(warnings).isEmpty();
    assertThat(again.utterances())
        .extracting(Utterance::speaker)
        .containsExactlyElementsOf(heard.stream().map(Utterance::speaker).toList());
    assertThat(again.speakers())
        .extracting(Speaker::id, Speaker::role)
        .containsExactlyElementsOf(
            analysed.result().speakers().stream().map(s -> Tuple.tuple(s.id(), s.role())).toList());
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
