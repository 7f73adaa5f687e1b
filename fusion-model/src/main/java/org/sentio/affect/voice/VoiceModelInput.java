package org.sentio.affect.voice;

/**
 * The vector a voice-affect model reads from one stretch of speech: the 42 {@link VoiceFeatures},
 * followed, for a model that reads them ({@code voice-affect-mel}), by the {@link LogMelStatistics}
 * of the same samples. Training ({@link MelVoiceTraining}) and the analysis ({@link VoiceAnalyzer})
 * both build it here, so that they compute the same numbers.
 */
public final class VoiceModelInput {
  /** Width of the input of a model that reads the log-mel statistics too. */
  public static final int WITH_LOG_MEL = VoiceFeatures.SIZE + LogMelStatistics.SIZE;

  private VoiceModelInput() {}

  /**
   * The input for {@code samples} whose voice features {@code features} were already measured.
   *
   * @param logMel whether the model reads the log-mel statistics
   */
  public static float[] of(
      VoiceFeatures features, float[] samples, int sampleRate, boolean logMel) {
    float[] base = features.vector();
    if (!logMel) {
      return base;
    }
    return withLogMel(features, LogMelStatistics.extract(samples, sampleRate));
  }

  /** The input of a model that reads the log-mel statistics, from both parts measured. */
  static float[] withLogMel(VoiceFeatures features, float[] logMel) {
    float[] input = java.util.Arrays.copyOf(features.vector(), WITH_LOG_MEL);
    System.arraycopy(logMel, 0, input, VoiceFeatures.SIZE, logMel.length);
    return input;
  }
}
