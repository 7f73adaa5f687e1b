package org.sentio.affect.fusion;

import java.util.List;
import org.sentio.affect.ExpertChoice;
import org.sentio.affect.FusedEstimate;

/**
 * Expert-load telemetry of a session: the share of routed slots per expert (each window fills k
 * slots), how many slots would overflow an expert's capacity {@code ceil(capacityFactor · B · k /
 * E)} in batches of {@code B} windows, and the balance as the coefficient of variation of the
 * per-expert counts (0 = perfectly even).
 */
public record ExpertLoad(
    double[] share, long[] count, int overflow, double coefficientOfVariation, int windows) {
  public static final double DEFAULT_CAPACITY_FACTOR = 1.25;
  public static final int DEFAULT_BATCH = 64;

  public static ExpertLoad of(
      List<FusedEstimate> fused, int experts, double capacityFactor, int batch) {
    long[] count = new long[experts];
    long[] inBatch = new long[experts];
    int overflow = 0;
    int windows = 0;
    int slots = 0;
    int k = 0;
    for (int i = 0; i < fused.size(); i++) {
      List<ExpertChoice> chosen = fused.get(i).experts();
      if (!chosen.isEmpty()) {
        windows++;
        k = Math.max(k, chosen.size());
      }
      for (ExpertChoice c : chosen) {
        count[c.expert()]++;
        inBatch[c.expert()]++;
        slots++;
      }
      if ((i + 1) % batch == 0 || i == fused.size() - 1) {
        int b = (i % batch) + 1;
        long capacity = (long) Math.ceil(capacityFactor * b * Math.max(k, 1) / experts);
        for (int e = 0; e < experts; e++) {
          overflow += (int) Math.max(0, inBatch[e] - capacity);
          inBatch[e] = 0;
        }
      }
    }
    double[] share = new double[experts];
    double mean = slots / (double) experts;
    double var = 0;
    for (int e = 0; e < experts; e++) {
      share[e] = slots == 0 ? 0 : count[e] / (double) slots;
      var += (count[e] - mean) * (count[e] - mean);
    }
    double cv = mean == 0 ? 0 : Math.sqrt(var / experts) / mean;
    return new ExpertLoad(share, count, overflow, cv, windows);
  }

  /** Experts that received no window. */
  public int idle() {
    int n = 0;
    for (long c : count) {
      n += c == 0 ? 1 : 0;
    }
    return n;
  }

  /** The largest load as a multiple of the mean load. */
  public double maxOverMean() {
    double max = 0;
    for (double s : share) {
      max = Math.max(max, s);
    }
    return max * share.length;
  }

  /** One line for users. */
  public String describe() {
    StringBuilder b = new StringBuilder();
    for (int e = 0; e < share.length; e++) {
      b.append(e == 0 ? "" : " ")
          .append(String.format(java.util.Locale.ROOT, "%d:%.3f", e, share[e]));
    }
    return String.format(
        java.util.Locale.ROOT,
        "expert load over %d windows: %s; overflow %d; CV %.3f; idle %d; max/mean %.2f",
        windows,
        b,
        overflow,
        coefficientOfVariation,
        idle(),
        maxOverMean());
  }
}
