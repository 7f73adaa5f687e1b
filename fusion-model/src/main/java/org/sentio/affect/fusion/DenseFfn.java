package org.sentio.affect.fusion;

import java.util.Random;

/**
 * A dense feed-forward block latent → hidden (ReLU) → latent, the baseline that takes the MoE
 * block's place in {@link MoeOnnx#writeDense}. Shapes: {@code w1} [D, H], {@code b1} [H], {@code
 * w2} [H, D], {@code b2} [D].
 */
public record DenseFfn(int latent, int hidden, float[] w1, float[] b1, float[] w2, float[] b2) {

  public DenseFfn {
    if (w1.length != latent * hidden
        || b1.length != hidden
        || w2.length != hidden * latent
        || b2.length != latent) {
      throw new IllegalArgumentException("dense FFN weights do not match " + latent + "×" + hidden);
    }
  }

  /** Parameters: both matrices and both biases. */
  public long parameters() {
    return 2L * latent * hidden + hidden + latent;
  }

  /**
   * The hidden width whose dense block has as many parameters as the MoE block of {@code w} (router
   * and every expert), rounded to the nearest width.
   */
  public static int matchingHidden(MoeWeights w) {
    double hidden = (moeBlockParameters(w) - w.latent()) / (2.0 * w.latent() + 1);
    return (int) Math.max(1, Math.round(hidden));
  }

  /** Parameters of the MoE block of {@code w}: the router (gate and bias) and all E experts. */
  public static long moeBlockParameters(MoeWeights w) {
    long d = w.latent();
    long e = w.experts();
    long i = w.inter();
    return d * e + e + e * (d * i + i + i * d + d);
  }

  /** Random weights (uniform, Xavier-scaled); speed does not depend on the values. */
  public static DenseFfn random(int latent, int hidden, long seed) {
    Random r = new Random(seed);
    return new DenseFfn(
        latent,
        hidden,
        xavier(r, latent, hidden, latent * hidden),
        new float[hidden],
        xavier(r, hidden, latent, hidden * latent),
        new float[latent]);
  }

  private static float[] xavier(Random r, int in, int out, int n) {
    double limit = Math.sqrt(6.0 / (in + out));
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) ((2 * r.nextDouble() - 1) * limit);
    }
    return v;
  }
}
