package org.sentio.affect.train;

/**
 * The weights of a trained affect classifier: optional standardisation, an optional ReLU hidden
 * layer, a 7-way emotion head (softmax), a valence head and an optional arousal head (tanh). Every
 * matrix is row-major [inputs, outputs].
 *
 * @param inputSize length of the feature vector
 * @param hiddenSize width of the hidden layer, 0 for a linear model
 * @param mean per-feature mean subtracted first, or {@code null} for no standardisation
 * @param scale per-feature divisor after the mean, or {@code null}
 * @param w1 hidden weights [inputSize, hiddenSize], or {@code null}
 * @param b1 hidden bias, or {@code null}
 * @param wc emotion weights [width, 7]
 * @param bc emotion bias
 * @param wv valence weights [width, 1]
 * @param bv valence bias
 * @param wa arousal weights [width, 1], or {@code null}
 * @param ba arousal bias, or {@code null}
 */
public record AffectMlp(
    int inputSize,
    int hiddenSize,
    float[] mean,
    float[] scale,
    float[] w1,
    float[] b1,
    float[] wc,
    float[] bc,
    float[] wv,
    float[] bv,
    float[] wa,
    float[] ba) {

  /** Width of the layer the heads read: the hidden size, or the input size for a linear model. */
  public int headInputSize() {
    return hiddenSize > 0 ? hiddenSize : inputSize;
  }

  public boolean hasArousal() {
    return wa != null;
  }

  public boolean standardises() {
    return mean != null;
  }
}
