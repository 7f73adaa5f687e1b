package org.sentio.affect.fusion;

/**
 * The weights of the MoE fusion model. Every matrix is row-major; per-modality arrays are indexed
 * in {@link MoeFusionModel#MODALITIES} order.
 *
 * <p>Shapes: {@code proj[m]} [F, D], {@code projBias[m]} [D], {@code score[m]} [D, 1], {@code
 * scoreBias[m]} [1], {@code gate} [D, E], {@code gateBias} [E], {@code w1} [E, D, I], {@code b1}
 * [E, I], {@code w2} [E, I, D], {@code b2} [E, D], {@code wc} [D, 7], {@code bc} [7], {@code wv},
 * {@code wa} [D, 1], {@code bv}, {@code ba} [1]. F = {@link MoeFusionModel#FEATURES}.
 */
public record MoeWeights(
    int latent,
    int experts,
    int topK,
    int inter,
    float[][] proj,
    float[][] projBias,
    float[][] score,
    float[][] scoreBias,
    float[] gate,
    float[] gateBias,
    float[] w1,
    float[] b1,
    float[] w2,
    float[] b2,
    float[] wc,
    float[] bc,
    float[] wv,
    float[] bv,
    float[] wa,
    float[] ba) {

  public MoeWeights {
    if (experts < 2 || topK < 1 || topK > experts) {
      throw new IllegalArgumentException(
          "need 1 <= k <= E and E >= 2: k=" + topK + " E=" + experts);
    }
    check(gate, latent * experts, "gate");
    check(w1, experts * latent * inter, "w1");
    check(w2, experts * inter * latent, "w2");
    check(wc, latent * 7, "wc");
  }

  private static void check(float[] a, int n, String name) {
    if (a.length != n) {
      throw new IllegalArgumentException(name + ": " + a.length + " values, expected " + n);
    }
  }

  /** Random weights (uniform, Xavier-scaled) for tests and as the trainer's starting point. */
  public static MoeWeights random(int latent, int experts, int topK, int inter, long seed) {
    java.util.Random r = new java.util.Random(seed);
    int m = MoeFusionModel.MODALITIES.size();
    int f = MoeFusionModel.FEATURES;
    float[][] proj = new float[m][];
    float[][] projBias = new float[m][];
    float[][] score = new float[m][];
    float[][] scoreBias = new float[m][];
    for (int i = 0; i < m; i++) {
      proj[i] = xavier(r, f, latent, f * latent);
      projBias[i] = new float[latent];
      score[i] = xavier(r, latent, 1, latent);
      scoreBias[i] = new float[1];
    }
    return new MoeWeights(
        latent,
        experts,
        topK,
        inter,
        proj,
        projBias,
        score,
        scoreBias,
        xavier(r, latent, experts, latent * experts),
        new float[experts],
        xavier(r, latent, inter, experts * latent * inter),
        new float[experts * inter],
        xavier(r, inter, latent, experts * inter * latent),
        new float[experts * latent],
        xavier(r, latent, 7, latent * 7),
        new float[7],
        xavier(r, latent, 1, latent),
        new float[1],
        xavier(r, latent, 1, latent),
        new float[1]);
  }

  private static float[] xavier(java.util.Random r, int in, int out, int n) {
    double limit = Math.sqrt(6.0 / (in + out));
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) ((2 * r.nextDouble() - 1) * limit);
    }
    return v;
  }
}
