package org.sentio.affect.voice;

/**
 * Per-speaker normalisation of voice features within one session: once the session has {@value
 * #MIN_WINDOWS} speech windows, each feature is shifted by the difference between the population
 * mean the model was trained around and this speaker's running mean ({@code x − μ_speaker +
 * μ_population}), so that a speaker's constant offsets (a deep voice, a quiet microphone) do not
 * read as emotion. Before that the features pass unchanged. Missing values stay missing.
 *
 * <p>On the held-out RAVDESS actors 17–20 (each actor's clips as one session, repetition 01, calm
 * excluded, n = 104) accuracy is 0.4808 both ways ({@code VoiceAffectModelTest
 * perSpeakerNormalisationDoesNotCostHeldOutAccuracy}): it costs nothing on acted studio speech,
 * where speakers already sit near the population, and removes a speaker's constant offsets in real
 * sessions (a lower voice, another microphone), which {@code SpeakerNormaliserTest} shows.
 */
final class SpeakerNormaliser {
  /** Speech windows (of 0.5 s hop) before normalisation starts: 10 s of speech. */
  static final int MIN_WINDOWS = 20;

  private final float[] populationMean;
  private final double[] sum;
  private final int[] count;
  private int windows;

  SpeakerNormaliser(float[] populationMean) {
    this.populationMean = populationMean.clone();
    this.sum = new double[populationMean.length];
    this.count = new int[populationMean.length];
  }

  /** Adds {@code features} to the speaker's statistics and returns them normalised (or as is). */
  VoiceFeatures normalise(VoiceFeatures features) {
    double[] shifted = normalise(features.values());
    return shifted == null ? features : new VoiceFeatures(shifted);
  }

  /**
   * Adds a model input (the voice features, then any further features the model reads) to the
   * speaker's statistics and returns it normalised (or as is), as {@link #normalise(VoiceFeatures)}
   * does.
   */
  float[] normalise(float[] input) {
    double[] values = new double[input.length];
    for (int i = 0; i < input.length; i++) {
      values[i] = input[i];
    }
    double[] shifted = normalise(values);
    if (shifted == null) {
      return input;
    }
    float[] out = new float[shifted.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) shifted[i];
    }
    return out;
  }

  /** The shifted values, or null while the speaker has too few windows. */
  private double[] normalise(double[] values) {
    if (values.length != populationMean.length) {
      throw new IllegalArgumentException(
          "expected " + populationMean.length + " features, got " + values.length);
    }
    for (int i = 0; i < values.length; i++) {
      if (!Double.isNaN(values[i])) {
        sum[i] += values[i];
        count[i]++;
      }
    }
    windows++;
    if (windows < MIN_WINDOWS) {
      return null;
    }
    double[] shifted = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      shifted[i] =
          Double.isNaN(values[i]) || count[i] == 0
              ? values[i]
              : values[i] - sum[i] / count[i] + populationMean[i];
    }
    return shifted;
  }

  boolean active() {
    return windows >= MIN_WINDOWS;
  }
}
