package org.sentio.affect.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.affect.speech.SpeechTestModels;
import org.sentio.affect.train.ShippedModels;
import org.sentio.affect.voice.AudioFiles;

/**
 * Speaker turns inside the analysis, on real speech: a mono call of a male (RAVDESS actor 11) and a
 * female (actor 12) voice taking turns, joined with pauses, analysed with two speakers asked for.
 */
class SpeakerPipelineTest {
  private static final double GAP_SECONDS = 1.5;

  /** Who says each clip of the call: 0 is actor 11, 1 is actor 12. */
  private static final int[] ORDER = {0, 1, 0, 1, 1, 0};

  private static Analyzers analyzers;
  private static Path call;
  private static final List<double[]> spans = new ArrayList<>();

  @TempDir static Path work;

  @BeforeAll
  static void open() throws Exception {
    analyzers = Analyzers.load(ShippedModels.registry(), ShippedModels.host());
    int[] next = new int[2];
    float[][] clips = new float[ORDER.length][];
    double at = 0;
    for (int k = 0; k < ORDER.length; k++) {
      int actor = 11 + ORDER[k];
      int n = next[ORDER[k]]++;
      // Neutral and calm statements, both sentences, in turn.
      String clip =
          String.format(
              "Actor_%02d/03-01-%02d-01-%02d-01-%02d.flac", actor, 1 + n / 2, 1 + n % 2, actor);
      clips[k] = AudioFiles.readMono(SpeechTestModels.ravdess(clip), 16_000);
      at += GAP_SECONDS;
      spans.add(new double[] {at, at + clips[k].length / 16_000.0});
      at += clips[k].length / 16_000.0;
    }
    call =
        SpeechTestModels.writeWav(
            work.resolve("two-voices.wav"), SpeechTestModels.withGaps(GAP_SECONDS, clips));
  }

  @AfterAll
  static void close() throws Exception {
    analyzers.close();
  }

  /** The clip (index in {@link #ORDER}) whose span holds the middle of the utterance. */
  private static int clipOf(Utterance u) {
    double middle = (u.startSeconds() + u.endSeconds()) / 2;
    for (int k = 0; k < spans.size(); k++) {
      if (middle >= spans.get(k)[0] - 0.2 && middle <= spans.get(k)[1] + 0.2) {
        return k;
      }
    }
    throw new AssertionError("utterance " + u + " lies in no clip");
  }

  @Test
  void twoSpeakersAskedForAreToldApartByVoice() throws Exception {
    SessionResult result =
        new AnalysisPipeline(analyzers)
            .analyse(
                new AnalysisRequest(
                    call, null, null, "two voices", AnalysisOptions.DEFAULT, true, "en", 2),
                ProgressListener.NONE,
                () -> false);

    assertThat(result.warnings()).isEmpty();
    assertThat(result.speakers())
        .extracting(Speaker::id, Speaker::role)
        .containsExactly(
            Tuple.tuple("S1", SpeakerRole.AGENT), Tuple.tuple("S2", SpeakerRole.CUSTOMER));
    assertThat(result.transcript()).hasSizeGreaterThanOrEqualTo(ORDER.length);
    String[] speakerOfActor = new String[2];
    for (Utterance u : result.transcript()) {
      int actor = ORDER[clipOf(u)];
      assertThat(u.speaker()).isIn("S1", "S2");
      if (speakerOfActor[actor] == null) {
        speakerOfActor[actor] = u.speaker();
      }
      assertThat(u.speaker())
          .as("speaker of %s (actor %d)", u.text(), 11 + actor)
          .isEqualTo(speakerOfActor[actor]);
    }
    assertThat(speakerOfActor[0]).isEqualTo("S1").isNotEqualTo(speakerOfActor[1]);
  }

  @Test
  void aMissingSpeakerModelLeavesTheUtterancesWithoutSpeakersAndSaysSo() throws Exception {
    List<Utterance> utterances =
        List.of(
            new Utterance(spans.get(0)[0], spans.get(0)[1], "kids are talking by the door", null));
    List<String> warnings = new ArrayList<>();

    SpeakerPass.Turns turns =
        SpeakerPass.tell(
            call,
            utterances,
            null,
            work.resolve("no-speaker-model"),
            ShippedModels.root().resolve("resources/models/asr-en/model"),
            0,
            warnings,
            () -> false);

    assertThat(turns.speakers()).isEmpty();
    assertThat(turns.utterances()).isEqualTo(utterances);
    assertThat(warnings)
        .singleElement()
        .asString()
        .startsWith("speakers were not told apart: ")
        .contains("no-speaker-model");
  }
}
