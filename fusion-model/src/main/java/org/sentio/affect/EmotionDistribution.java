package org.sentio.affect;

import java.util.Arrays;
import java.util.Collection;

/** An immutable probability vector over {@link Emotion}, indexed by {@link Emotion#ordinal()}. */
public final class EmotionDistribution {
  private static final double SUM_TOLERANCE = 1e-3;

  private final double[] probabilities;

  private EmotionDistribution(double[] probabilities) {
    this.probabilities = probabilities;
  }

  /**
   * Wraps a copy of {@code probabilities}, which must hold {@link Emotion#COUNT} finite
   * non-negative values summing to 1.
   */
  public static EmotionDistribution of(double... probabilities) {
    if (probabilities.length != Emotion.COUNT) {
      throw new IllegalArgumentException(
          "expected " + Emotion.COUNT + " probabilities, got " + probabilities.length);
    }
    double sum = 0;
    for (double p : probabilities) {
      if (!Double.isFinite(p) || p < 0) {
        throw new IllegalArgumentException("probability out of range: " + p);
      }
      sum += p;
    }
    if (Math.abs(sum - 1) > SUM_TOLERANCE) {
      throw new IllegalArgumentException("probabilities sum to " + sum + ", not 1");
    }
    return new EmotionDistribution(probabilities.clone());
  }

  /** Scales non-negative {@code scores} so that they sum to 1; all-zero scores give uniform. */
  public static EmotionDistribution normalise(double... scores) {
    if (scores.length != Emotion.COUNT) {
      throw new IllegalArgumentException(
          "expected " + Emotion.COUNT + " scores, got " + scores.length);
    }
    double sum = 0;
    for (double s : scores) {
      if (!Double.isFinite(s) || s < 0) {
        throw new IllegalArgumentException("score out of range: " + s);
      }
      sum += s;
    }
    double[] p = new double[Emotion.COUNT];
    for (int i = 0; i < p.length; i++) {
      p[i] = sum > 0 ? scores[i] / sum : 1.0 / Emotion.COUNT;
    }
    return new EmotionDistribution(p);
  }

  /** All mass on one category. */
  public static EmotionDistribution certain(Emotion emotion) {
    double[] p = new double[Emotion.COUNT];
    p[emotion.ordinal()] = 1;
    return new EmotionDistribution(p);
  }

  public static EmotionDistribution uniform() {
    double[] p = new double[Emotion.COUNT];
    Arrays.fill(p, 1.0 / Emotion.COUNT);
    return new EmotionDistribution(p);
  }

  /** The weighted mean of distributions; weights must be non-negative with a positive sum. */
  public static EmotionDistribution weightedMean(
      Collection<EmotionDistribution> distributions, double[] weights) {
    if (distributions.size() != weights.length || distributions.isEmpty()) {
      throw new IllegalArgumentException("need one weight per distribution, at least one");
    }
    double[] sum = new double[Emotion.COUNT];
    int k = 0;
    for (EmotionDistribution d : distributions) {
      for (int i = 0; i < sum.length; i++) {
        sum[i] += weights[k] * d.probabilities[i];
      }
      k++;
    }
    return normalise(sum);
  }

  public double get(Emotion emotion) {
    return probabilities[emotion.ordinal()];
  }

  /** The most probable category (the first in {@link Emotion} order on ties). */
  public Emotion top() {
    int best = 0;
    for (int i = 1; i < probabilities.length; i++) {
      if (probabilities[i] > probabilities[best]) {
        best = i;
      }
    }
    return Emotion.values()[best];
  }

  public double[] toArray() {
    return probabilities.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof EmotionDistribution that
        && Arrays.equals(probabilities, that.probabilities);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(probabilities);
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("{");
    for (Emotion e : Emotion.values()) {
      if (text.length() > 1) {
        text.append(", ");
      }
      text.append(e.label()).append('=').append(String.format("%.3f", get(e)));
    }
    return text.append('}').toString();
  }
}
