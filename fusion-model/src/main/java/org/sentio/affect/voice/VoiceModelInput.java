package org.sentio.affect.voice;

import java.util.List;
import java.util.stream.IntStream;

/**
 * The vector a voice-affect model reads from one stretch of speech: the 42 {@link VoiceFeatures},
 * followed, for a model that reads them, by some or all of the {@link LogMelStatistics} of the same
 * samples ({@link Layout}). Training ({@link VoiceTraining}) and the analysis ({@link
 * VoiceAnalyzer}) both build it here, so that they compute the same numbers.
 */
public final class VoiceModelInput {
  /** Width of the input of a model that reads every log-mel statistic too. */
  public static final int WITH_LOG_MEL = VoiceFeatures.SIZE + LogMelStatistics.SIZE;

  /**
   * Which log-mel statistics follow the 42 voice features. Each layout has its own width, so the
   * width of a model's input says which one it reads.
   */
  public enum Layout {
    /** The 42 voice features only. */
    VOICE_FEATURES,
    /** The 42, then the 24 band means (spectral shape). */
    MEL_MEANS,
    /** The 42, then every log-mel statistic. */
    MEL_ALL;

    /** Indexes into {@link LogMelStatistics#NAMES} of the statistics read, in input order. */
    public int[] melColumns() {
      return IntStream.range(0, LogMelStatistics.SIZE)
          .filter(i -> reads(LogMelStatistics.NAMES.get(i)))
          .toArray();
    }

    private boolean reads(String name) {
      return switch (this) {
        case VOICE_FEATURES -> false;
        case MEL_MEANS -> name.endsWith("_mean");
        case MEL_ALL -> true;
      };
    }

    public int width() {
      return VoiceFeatures.SIZE + melColumns().length;
    }

    /** The names of the inputs, in order. */
    public List<String> names() {
      List<String> names = new java.util.ArrayList<>(VoiceFeatures.NAMES);
      for (int column : melColumns()) {
        names.add(LogMelStatistics.NAMES.get(column));
      }
      return names;
    }

    /** The layout {@code width} inputs are, or null when no layout has that width. */
    public static Layout ofWidth(int width) {
      for (Layout layout : values()) {
        if (layout.width() == width) {
          return layout;
        }
      }
      return null;
    }
  }

  private VoiceModelInput() {}

  /** The input in {@code layout} for {@code samples} whose voice features were measured. */
  public static float[] of(VoiceFeatures features, float[] samples, int sampleRate, Layout layout) {
    float[] base = features.vector();
    if (layout == Layout.VOICE_FEATURES) {
      return base;
    }
    return join(base, LogMelStatistics.extract(samples, sampleRate), 0, layout.melColumns());
  }

  /**
   * The input in {@code layout} from both parts measured: the voice features and the log-mel
   * statistics.
   */
  static float[] withLogMel(VoiceFeatures features, float[] logMel, Layout layout) {
    return join(features.vector(), logMel, 0, layout.melColumns());
  }

  /** {@code base} followed by {@code mel[offset + column]} for each of {@code columns}. */
  static float[] join(float[] base, float[] mel, int offset, int[] columns) {
    float[] row = java.util.Arrays.copyOf(base, base.length + columns.length);
    for (int j = 0; j < columns.length; j++) {
      row[base.length + j] = mel[offset + columns[j]];
    }
    return row;
  }
}
