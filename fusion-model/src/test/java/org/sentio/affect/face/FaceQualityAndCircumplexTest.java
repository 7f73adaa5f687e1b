package org.sentio.affect.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sentio.affect.Emotion;
import org.sentio.affect.EmotionDistribution;

class FaceQualityAndCircumplexTest {

  @ParameterizedTest(name = "side {0}, laplacian var {1}, score {2} -> {3}")
  @CsvSource({
    "96, 100, 1.0, 0.7937", // cbrt(1 * 0.5 * 1)
    "200, 1e9, 1.0, 1.0",
    "24, 1000, 1.0, 0.0", // too small to read
    "60, 100, 0.8, 0.5848", // cbrt(0.5 * 0.5 * 0.8)
    "96, 0, 1.0, 0.0" // flat crop: no detail at all
  })
  void qualityIsTheGeometricMeanOfSizeSharpnessAndScore(
      double side, double variance, double score, double expected) {
    assertThat(FaceQuality.score(side, variance, score)).isCloseTo(expected, within(1e-4));
  }

  @Test
  void qualityStaysInTheUnitInterval() {
    assertThat(FaceQuality.score(Double.NaN, -5, 2)).isBetween(0.0, 1.0);
    assertThat(FaceQuality.score(1e6, 1e12, 1)).isBetween(0.0, 1.0);
  }

  @Test
  void certainEmotionsSitAtTheirCircumplexPositions() {
    Circumplex.Point happy = Circumplex.of(EmotionDistribution.certain(Emotion.HAPPY));
    assertThat(happy.valence()).isEqualTo(0.8);
    assertThat(happy.arousal()).isEqualTo(0.5);
    Circumplex.Point neutral = Circumplex.of(EmotionDistribution.certain(Emotion.NEUTRAL));
    assertThat(neutral.valence()).isZero();
    assertThat(neutral.arousal()).isZero();
  }

  @Test
  void mixturesAreTheWeightedMean() {
    double[] p = new double[Emotion.COUNT];
    p[Emotion.SAD.ordinal()] = 0.5;
    p[Emotion.SURPRISED.ordinal()] = 0.5;
    Circumplex.Point va = Circumplex.of(EmotionDistribution.of(p));
    assertThat(va.valence()).isCloseTo((-0.6 + 0.2) / 2, within(1e-12));
    assertThat(va.arousal()).isCloseTo((-0.4 + 0.8) / 2, within(1e-12));
  }
}
