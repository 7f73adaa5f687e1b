package org.sentio.affect.voice;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The eGeMAPS-like feature vector of one stretch of speech, the input of the voice-affect model.
 * Each feature is defined in {@code docs/voice-features.md}; {@link #NAMES} gives their order. A
 * measurement that cannot be made (no voiced frame, no pause to measure) is NaN; the model's graph
 * replaces NaN by the training mean.
 *
 * @param values the features in {@link #NAMES} order
 */
public record VoiceFeatures(double[] values) {

  /** Number of MFCC coefficients summarised (1..12, c0 left out: it is loudness again). */
  public static final int MFCC_COUNT = 12;

  /** Feature names in vector order. */
  public static final List<String> NAMES = names();

  /** Length of the vector. */
  public static final int SIZE = NAMES.size();

  public VoiceFeatures {
    if (values.length != SIZE) {
      throw new IllegalArgumentException(
          "expected " + SIZE + " voice features, got " + values.length);
    }
    values = values.clone();
  }

  /** The features as floats, in {@link #NAMES} order. */
  public float[] vector() {
    float[] out = new float[SIZE];
    for (int i = 0; i < SIZE; i++) {
      out[i] = (float) values[i];
    }
    return out;
  }

  /** The value of the named feature. */
  public double get(String name) {
    int index = NAMES.indexOf(name);
    if (index < 0) {
      throw new IllegalArgumentException("no voice feature named " + name);
    }
    return values[index];
  }

  @Override
  public double[] values() {
    return values.clone();
  }

  private static List<String> names() {
    List<String> names =
        new ArrayList<>(
            List.of(
                "f0_mean_st",
                "f0_std_st",
                "f0_p20_st",
                "f0_p80_st",
                "f0_range_st",
                "voiced_fraction",
                "loudness_mean_db",
                "loudness_std_db",
                "loudness_range_db",
                "jitter",
                "shimmer_db",
                "hnr_db",
                "spectral_centroid_hz",
                "spectral_centroid_std_hz",
                "spectral_slope_db_per_khz",
                "alpha_ratio_db",
                "speech_rate",
                "pause_ratio"));
    for (int i = 1; i <= MFCC_COUNT; i++) {
      names.add("mfcc" + i + "_mean");
    }
    for (int i = 1; i <= MFCC_COUNT; i++) {
      names.add("mfcc" + i + "_std");
    }
    return Collections.unmodifiableList(names);
  }
}
