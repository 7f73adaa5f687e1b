package org.sentio.affect.speech.speaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sentio.affect.speech.StretchPrint;

/** How the prints of recognised stretches become the prints of utterances (ADR 0052). */
class StretchPrintsTest {
  private static float[] axis(int i) {
    float[] v = new float[SpeakerEmbedder.DIMENSION];
    v[i] = 3f;
    return v;
  }

  @Test
  void utterancesInsideOneStretchShareItsPrint() {
    List<StretchPrint> stretches = List.of(new StretchPrint(1.0, 6.0, axis(0), 400));

    List<SpeakerTurns.VoicePrint> prints =
        StretchPrints.ofUtterances(
            stretches, List.of(new double[] {1.0, 3.0}, new double[] {4.0, 6.0}));

    assertThat(prints).extracting(SpeakerTurns.VoicePrint::start).containsExactly(1.0, 4.0);
    SpeakerEmbedding first = prints.get(0).embedding().orElseThrow();
    SpeakerEmbedding second = prints.get(1).embedding().orElseThrow();
    assertThat(first.cosine(second)).isCloseTo(1.0, within(1e-6));
    assertThat(first.vector()[0]).isCloseTo(1f, within(1e-6f));
    // Each holds the share of the stretch's frames that lies inside it (2 of 5 seconds).
    assertThat(first.frames()).isEqualTo(160);
  }

  @Test
  void anUtteranceAcrossTwoStretchesLeansToTheOneWithMoreOfItsFrames() {
    List<StretchPrint> stretches =
        List.of(new StretchPrint(0.0, 2.0, axis(0), 200), new StretchPrint(3.0, 9.0, axis(1), 600));

    SpeakerEmbedding across =
        StretchPrints.ofUtterances(stretches, List.of(new double[] {1.0, 9.0}))
            .get(0)
            .embedding()
            .orElseThrow();

    // Weights 100 (half of the first) and 600 (all of the second).
    assertThat(across.frames()).isEqualTo(700);
    assertThat(across.vector()[1]).isGreaterThan(across.vector()[0] * 5.9f);
  }

  @Test
  void anUtteranceNoPrintedStretchOverlapsHasNoPrint() {
    List<StretchPrint> stretches = List.of(new StretchPrint(0.0, 2.0, axis(0), 200));

    assertThat(
            StretchPrints.ofUtterances(stretches, List.of(new double[] {2.5, 4.0}))
                .get(0)
                .embedding())
        .isEmpty();
  }
}
