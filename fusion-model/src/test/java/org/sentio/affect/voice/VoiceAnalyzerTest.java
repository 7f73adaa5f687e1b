package org.sentio.affect.voice;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.affect.AbsenceReason;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.Modality;

class VoiceAnalyzerTest {
  private static final String SENTENCE =
      "I have been waiting for my refund for three weeks and nobody has called me back.";

  private static float[] normal;
  private static float[] raised;

  @BeforeAll
  static void synthesise(@TempDir Path dir) throws Exception {
    normal = Audio.speak(dir, "normal", SENTENCE, "-p", "40", "-a", "80", "-s", "140");
    raised = Audio.speak(dir, "raised", SENTENCE, "-p", "80", "-a", "200", "-s", "180");
  }

  @Test
  void silenceIsNoSpeech() {
    VoiceAnalyzer analyzer = new VoiceAnalyzer(Audio.RATE);
    float[] silence = new float[Audio.RATE];
    double fraction = new ProsodyExtractor().extract(silence, Audio.RATE).energySpeechFraction();

    AffectEstimate estimate = analyzer.analyze(silence, fraction);

    assertThat(estimate.isPresent()).isFalse();
    assertThat(estimate.modality()).isEqualTo(Modality.VOICE);
    assertThat(estimate.absence()).isEqualTo(AbsenceReason.NO_SPEECH);
  }

  @Test
  void whiteNoiseIsNoSpeechByItsEnergyFraction() {
    float[] noise = Audio.whiteNoise(1.0, 0.3, 7);
    double fraction = new ProsodyExtractor().extract(noise, Audio.RATE).energySpeechFraction();

    AffectEstimate estimate = new VoiceAnalyzer(Audio.RATE).analyze(noise, fraction);

    assertThat(estimate.absence()).isEqualTo(AbsenceReason.NO_SPEECH);
  }

  @Test
  void whiteNoiseIsNoSpeechEvenWhenADetectorCallsItSpeech() {
    AffectEstimate estimate =
        new VoiceAnalyzer(Audio.RATE).analyze(Audio.whiteNoise(1.0, 0.3, 7), 1.0);

    assertThat(estimate.absence()).isEqualTo(AbsenceReason.NO_SPEECH);
    assertThat(estimate.absenceDetail()).contains("voiced");
  }

  @Test
  void lowSpeechFractionIsNoSpeech() {
    AffectEstimate estimate =
        new VoiceAnalyzer(Audio.RATE).analyze(Audio.slice(normal, 0.5, 1.0), 0.1);

    assertThat(estimate.absence()).isEqualTo(AbsenceReason.NO_SPEECH);
    assertThat(estimate.absenceDetail()).contains("10%");
  }

  @Test
  void speechGivesArousalOnlyWithAConfidence() {
    VoiceAnalyzer analyzer = new VoiceAnalyzer(Audio.RATE);

    AffectEstimate estimate = analyzer.analyze(Audio.slice(normal, 0.5, 1.0), 0.9);

    assertThat(estimate.isPresent()).isTrue();
    assertThat(estimate.hasArousal()).isTrue();
    assertThat(estimate.arousal()).isBetween(-1.0, 1.0);
    assertThat(estimate.hasValence()).isFalse();
    assertThat(estimate.hasEmotions()).isFalse();
    assertThat(estimate.confidence()).isBetween(0.2, 1.0);
    assertThat(analyzer.speechWindowsSeen()).isEqualTo(1);
  }

  @Test
  void raisedVoiceHasHigherArousalOnFreshAnalyzers() {
    double calm = meanArousal(new VoiceAnalyzer(Audio.RATE), normal);
    double excited = meanArousal(new VoiceAnalyzer(Audio.RATE), raised);

    assertThat(excited).isGreaterThan(calm + 0.2);
  }

  @Test
  void raisedVoiceHasHigherArousalAfterTheNormalOneOnTheSameAnalyzer() {
    VoiceAnalyzer analyzer = new VoiceAnalyzer(Audio.RATE);

    double calm = meanArousal(analyzer, normal);
    double excited = meanArousal(analyzer, raised);

    assertThat(excited).isGreaterThan(calm + 0.2);
    assertThat(excited).isPositive();
  }

  /** Mean arousal over the present estimates of consecutive 1 s windows. */
  private static double meanArousal(VoiceAnalyzer analyzer, float[] speech) {
    ProsodyExtractor extractor = new ProsodyExtractor();
    List<Double> arousals = new ArrayList<>();
    for (double start = 0; start + 1.0 <= speech.length / (double) Audio.RATE; start += 1.0) {
      float[] window = Audio.slice(speech, start, 1.0);
      double fraction = extractor.extract(window, Audio.RATE).energySpeechFraction();
      AffectEstimate estimate = analyzer.analyze(window, fraction);
      if (estimate.isPresent()) {
        arousals.add(estimate.arousal());
      }
    }
    assertThat(arousals).as("present windows").hasSizeGreaterThanOrEqualTo(2);
    return arousals.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
  }
}
