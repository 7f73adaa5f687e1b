package org.sentio.affect.fusion;

import java.util.Arrays;
import java.util.Locale;

/**
 * The expert load of one session as the runtime fused it: how many windows each expert received,
 * and what the capacity bound of batched inference did ({@link CapacityBatcher}).
 *
 * @param experts E, the number of experts in the model
 * @param topK k, the experts each window is routed to
 * @param capacityFactor the factor of capacity {@code ceil(factor · k · batch / E)}
 * @param batchSize the most windows fused in one batch
 * @param windows the windows routed (windows with no present modality are not routed)
 * @param counts windows routed to each expert (they sum to {@code k · windows})
 * @param overflow routings that found their expert at capacity in the first batch their window was
 *     fused in
 * @param deferredWindows re-runs of windows in a later batch because an expert was at capacity (a
 *     window re-run twice counts twice)
 */
public record ExpertTelemetry(
    int experts,
    int topK,
    double capacityFactor,
    int batchSize,
    int windows,
    long[] counts,
    int overflow,
    int deferredWindows) {

  public ExpertTelemetry {
    if (counts.length != experts) {
      throw new IllegalArgumentException(
          counts.length + " expert counts for " + experts + " experts");
    }
    counts = counts.clone();
  }

  @Override
  public long[] counts() {
    return counts.clone();
  }

  /**
   * This load and {@code later}'s together, for a session fused in parts (a live recording fuses
   * its windows as they close).
   */
  public ExpertTelemetry plus(ExpertTelemetry later) {
    if (later.experts != experts
        || later.topK != topK
        || Double.compare(later.capacityFactor, capacityFactor) != 0) {
      throw new IllegalArgumentException(
          "expert loads of different models cannot be added: " + this + " and " + later);
    }
    long[] sum = counts.clone();
    for (int e = 0; e < experts; e++) {
      sum[e] += later.counts[e];
    }
    return new ExpertTelemetry(
        experts,
        topK,
        capacityFactor,
        Math.max(batchSize, later.batchSize),
        windows + later.windows,
        sum,
        overflow + later.overflow,
        deferredWindows + later.deferredWindows);
  }

  /** The share of routed windows that went to {@code expert}; the shares sum to k. */
  public double share(int expert) {
    return windows == 0 ? 0 : counts[expert] / (double) windows;
  }

  /** The coefficient of variation of the per-expert counts: 0 when perfectly even. */
  public double coefficientOfVariation() {
    double mean = Arrays.stream(counts).sum() / (double) experts;
    if (mean == 0) {
      return 0;
    }
    double variance = 0;
    for (long c : counts) {
      variance += (c - mean) * (c - mean);
    }
    return Math.sqrt(variance / experts) / mean;
  }

  /** The experts no window was routed to. */
  public int idle() {
    return (int) Arrays.stream(counts).filter(c -> c == 0).count();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ExpertTelemetry t
        && experts == t.experts
        && topK == t.topK
        && Double.compare(capacityFactor, t.capacityFactor) == 0
        && batchSize == t.batchSize
        && windows == t.windows
        && Arrays.equals(counts, t.counts)
        && overflow == t.overflow
        && deferredWindows == t.deferredWindows;
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(counts) + windows;
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "ExpertTelemetry[E=%d, k=%d, factor=%.2f, batch=%d, windows=%d, counts=%s, overflow=%d,"
            + " deferred=%d]",
        experts,
        topK,
        capacityFactor,
        batchSize,
        windows,
        Arrays.toString(counts),
        overflow,
        deferredWindows);
  }
}
