package org.sentio.affect.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sentio.affect.AbsenceReason;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.Emotion;
import org.sentio.affect.EmotionDistribution;
import org.sentio.affect.Modality;

class TextAlignmentTest {
  private static final Utterance HAPPY =
      new Utterance(
          0.0,
          2.0,
          "great",
          AffectEstimate.present(
              Modality.TEXT, EmotionDistribution.certain(Emotion.HAPPY), 0.8, Double.NaN, 0.6));
  private static final Utterance ANGRY =
      new Utterance(
          2.0,
          3.0,
          "awful",
          AffectEstimate.present(
              Modality.TEXT, EmotionDistribution.certain(Emotion.ANGRY), -0.8, Double.NaN, 0.9));

  @Test
  void weighsOverlappingUtterancesByOverlap() {
    AffectEstimate text = AnalysisPipeline.textOf(List.of(HAPPY, ANGRY), 1.5, 2.5);

    assertThat(text.emotions().get(Emotion.HAPPY)).isCloseTo(0.5, within(1e-9));
    assertThat(text.emotions().get(Emotion.ANGRY)).isCloseTo(0.5, within(1e-9));
    assertThat(text.valence()).isCloseTo(0.0, within(1e-9));
    assertThat(text.confidence()).isCloseTo(0.75, within(1e-9));
  }

  @Test
  void aWindowWithoutWordsSaysNoText() {
    AffectEstimate text = AnalysisPipeline.textOf(List.of(HAPPY, ANGRY), 3.0, 4.0);

    assertThat(text.isPresent()).isFalse();
    assertThat(text.absence()).isEqualTo(AbsenceReason.NO_TEXT);
  }

  @Test
  void utterancesWithoutReadingAreIgnored() {
    Utterance blank =
        new Utterance(0, 5, " ", AffectEstimate.absent(Modality.TEXT, AbsenceReason.NO_TEXT, null));

    assertThat(AnalysisPipeline.textOf(List.of(blank), 1, 2).isPresent()).isFalse();
  }
}
