package org.sentio.affect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EmotionDistributionTest {
  @Test
  void refusesProbabilitiesThatDoNotSumToOne() {
    assertThatThrownBy(() -> EmotionDistribution.of(0.5, 0.5, 0.5, 0, 0, 0, 0))
        .hasMessageContaining("sum to 1.5");
  }

  @Test
  void refusesTheWrongNumberOfCategories() {
    assertThatThrownBy(() -> EmotionDistribution.of(0.5, 0.5)).hasMessageContaining("expected 7");
  }

  @Test
  void normaliseScalesScoresAndFallsBackToUniform() {
    EmotionDistribution d = EmotionDistribution.normalise(0, 3, 1, 0, 0, 0, 0);
    assertThat(d.get(Emotion.HAPPY)).isEqualTo(0.75);
    assertThat(d.top()).isEqualTo(Emotion.HAPPY);
    assertThat(EmotionDistribution.normalise(new double[7]).get(Emotion.SAD))
        .isCloseTo(1.0 / 7, within(1e-12));
  }

  @Test
  void weightedMeanFavoursTheHeavierDistribution() {
    EmotionDistribution mean =
        EmotionDistribution.weightedMean(
            List.of(
                EmotionDistribution.certain(Emotion.ANGRY),
                EmotionDistribution.certain(Emotion.HAPPY)),
            new double[] {1, 3});
    assertThat(mean.get(Emotion.HAPPY)).isCloseTo(0.75, within(1e-12));
    assertThat(mean.get(Emotion.ANGRY)).isCloseTo(0.25, within(1e-12));
  }

  @ParameterizedTest
  @CsvSource({
    "fear,FEARFUL",
    "fearful,FEARFUL",
    "Disgust,DISGUSTED",
    " surprise ,SURPRISED",
    "neutral,NEUTRAL"
  })
  void parsesBothLabelVocabularies(String text, Emotion expected) {
    assertThat(Emotion.parse(text)).isEqualTo(expected);
  }

  @Test
  void parseNamesTheAcceptedLabels() {
    assertThatThrownBy(() -> Emotion.parse("calm"))
        .hasMessageContaining("calm")
        .hasMessageContaining("neutral, happy");
  }
}
