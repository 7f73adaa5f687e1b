package org.sentio.affect.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.affect.train.ShippedModels;
import org.sentio.runtime.ModelSession;

class SpeakerNormaliserTest {
  @TempDir Path work;

  /** A feature vector whose first three values are given and the rest zero. */
  private static VoiceFeatures features(double... first) {
    double[] values = new double[VoiceFeatures.SIZE];
    System.arraycopy(first, 0, values, 0, first.length);
    return new VoiceFeatures(values);
  }

  private static float[] population(float... first) {
    float[] values = new float[VoiceFeatures.SIZE];
    System.arraycopy(first, 0, values, 0, first.length);
    return values;
  }

  @Test
  void passesFeaturesUnchangedUntilTheSessionHasEnoughSpeech() {
    SpeakerNormaliser speaker = new SpeakerNormaliser(population(1, 2, 3));
    VoiceFeatures offset = features(11, 12, Double.NaN);

    for (int i = 1; i < SpeakerNormaliser.MIN_WINDOWS; i++) {
      assertThat(Arrays.copyOf(speaker.normalise(offset).values(), 3))
          .containsExactly(11, 12, Double.NaN);
    }
    VoiceFeatures normalised = speaker.normalise(offset);

    assertThat(speaker.active()).isTrue();
    assertThat(normalised.values()[0]).isCloseTo(1, within(1e-9));
    assertThat(normalised.values()[1]).isCloseTo(2, within(1e-9));
    assertThat(normalised.values()[2]).as("a missing value stays missing").isNaN();
  }

  @Test
  void removesTheSpeakersOwnOffsetButKeepsChangesAroundIt() {
    SpeakerNormaliser speaker = new SpeakerNormaliser(population(0));
    for (int i = 0; i < SpeakerNormaliser.MIN_WINDOWS; i++) {
      speaker.normalise(features(50));
    }

    double raised = speaker.normalise(features(60)).values()[0];

    assertThat(raised)
        .as("10 above the speaker's mean of (20×50 + 60)/21")
        .isCloseTo(60 - 1060.0 / 21, within(1e-9));
  }

  @Test
  void theSameWordsInALowerAndAHigherVoiceComeCloserOnceNormalised() throws Exception {
    String text = "I have been waiting all week and nobody has called me back about it.";
    float[] low = Audio.speak(work, "low", text, "-p", "20");
    float[] high = Arrays.copyOf(Audio.speak(work, "high", text, "-p", "80"), low.length);
    VoiceFeatureExtractor extractor = new VoiceFeatureExtractor();
    try (ModelSession session = ShippedModels.open(VoiceTraining.RAVDESS.modelName())) {
      float[] population = new VoiceAffectModel(session).populationMean();
      SpeakerNormaliser lowSpeaker = new SpeakerNormaliser(population);
      SpeakerNormaliser highSpeaker = new SpeakerNormaliser(population);
      double raw = 0;
      double normalised = 0;
      int offset = 0;
      for (int k = 0; k < SpeakerNormaliser.MIN_WINDOWS + 4; k++) {
        if (offset + Audio.RATE > low.length) {
          offset = 0;
        }
        VoiceFeatures a =
            extractor.extract(Arrays.copyOfRange(low, offset, offset + Audio.RATE), Audio.RATE);
        VoiceFeatures b =
            extractor.extract(Arrays.copyOfRange(high, offset, offset + Audio.RATE), Audio.RATE);
        VoiceFeatures na = lowSpeaker.normalise(a);
        VoiceFeatures nb = highSpeaker.normalise(b);
        raw = distance(a, b, "f0_mean_st");
        normalised = distance(na, nb, "f0_mean_st");
        offset += Audio.RATE / 2;
      }

      assertThat(lowSpeaker.active()).isTrue();
      assertThat(raw).as("espeak's pitch 20 and 80 differ in mean F0").isGreaterThan(2);
      assertThat(normalised).isLessThan(raw / 2);
    }
  }

  private static double distance(VoiceFeatures a, VoiceFeatures b, String feature) {
    return Math.abs(a.get(feature) - b.get(feature));
  }
}
