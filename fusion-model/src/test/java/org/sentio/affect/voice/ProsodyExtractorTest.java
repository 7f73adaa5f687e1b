package org.sentio.affect.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProsodyExtractorTest {
  private static final String SENTENCE =
      "I have been waiting for my refund for three weeks and nobody has called me back.";

  private final ProsodyExtractor extractor = new ProsodyExtractor();

  @TempDir Path dir;

  @Test
  void readsTheF0OfASine() {
    ProsodyFeatures f = extractor.extract(Audio.sine(220, 1.0, 0.5), Audio.RATE);

    assertThat(f.f0MeanHz()).isCloseTo(220, within(220 * 0.02));
    assertThat(f.voicedFraction()).isGreaterThan(0.9);
    assertThat(f.f0StdSemitones()).isLessThan(0.1);
    assertThat(f.loudnessDbfs()).isCloseTo(-9.0, within(0.5));
  }

  @Test
  void silenceHasNoSpeechNoPitchAndTheFloorLevel() {
    ProsodyFeatures f = extractor.extract(new float[Audio.RATE], Audio.RATE);

    assertThat(f.hasPitch()).isFalse();
    assertThat(f.voicedFraction()).isZero();
    assertThat(f.energySpeechFraction()).isZero();
    assertThat(f.loudnessDbfs()).isEqualTo(ProsodyFeatures.SILENCE_DBFS);
    assertThat(f.speechRate()).isZero();
  }

  @Test
  void whiteNoiseIsNeitherVoicedNorSpeech() {
    ProsodyFeatures f = extractor.extract(Audio.whiteNoise(1.0, 0.3, 42), Audio.RATE);

    assertThat(f.voicedFraction()).isLessThan(0.1);
    assertThat(f.energySpeechFraction()).isZero();
    assertThat(f.spectralCentroidHz()).isNaN();
  }

  @Test
  void speechIsVoicedSpeechWithAPlausiblePitch() throws Exception {
    float[] speech = Audio.speak(dir, "normal", SENTENCE, "-s", "140");
    ProsodyFeatures f = extractor.extract(Audio.slice(speech, 0.5, 1.0), Audio.RATE);

    assertThat(f.voicedFraction()).isGreaterThan(0.3);
    assertThat(f.energySpeechFraction()).isGreaterThan(0.5);
    assertThat(f.f0MeanHz()).isBetween(70.0, 300.0);
    assertThat(f.speechRate()).isBetween(1.0, 9.0);
    assertThat(f.spectralCentroidHz()).isBetween(200.0, 4000.0);
  }

  @Test
  void fasterSpeechHasAHigherSpeechRate() throws Exception {
    ProsodyFeatures slow =
        extractor.extract(Audio.speak(dir, "slow", SENTENCE, "-s", "110"), Audio.RATE);
    ProsodyFeatures fast =
        extractor.extract(Audio.speak(dir, "fast", SENTENCE, "-s", "230"), Audio.RATE);

    assertThat(fast.speechRate()).isGreaterThan(slow.speechRate() * 1.3);
  }
}
