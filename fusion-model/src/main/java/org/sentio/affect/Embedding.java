package org.sentio.affect;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What a modality model read before its last layer: the activations its classifier reads (its
 * penultimate layer), named by the model that wrote them, so that a fusion can learn from more than
 * the probabilities (issue 19 item 4, ADR 0059). Two embeddings are comparable only when their
 * model is the same.
 *
 * @param model the registry name of the model whose layer this is
 * @param values the activations, in the model's order; never empty
 */
public record Embedding(String model, float[] values) {

  public Embedding {
    Objects.requireNonNull(model, "model");
    if (values == null || values.length == 0) {
      throw new IllegalArgumentException(model + ": an embedding holds at least one value");
    }
    values = values.clone();
  }

  /** The number of values. */
  public int size() {
    return values.length;
  }

  /** A copy of the values. */
  @Override
  public float[] values() {
    return values.clone();
  }

  /** The value at {@code index}, without copying. */
  public float value(int index) {
    return values[index];
  }

  /**
   * The weighted mean of embeddings of one model (a window's frames or utterances), or null when
   * {@code embeddings} is empty or the weights sum to nothing.
   *
   * @throws IllegalArgumentException when the embeddings come from different models or sizes
   */
  public static Embedding weightedMean(List<Embedding> embeddings, double[] weights) {
    if (embeddings.size() != weights.length) {
      throw new IllegalArgumentException(
          embeddings.size() + " embeddings but " + weights.length + " weights");
    }
    if (embeddings.isEmpty()) {
      return null;
    }
    Embedding first = embeddings.get(0);
    double[] sum = new double[first.size()];
    double total = 0;
    for (int i = 0; i < weights.length; i++) {
      Embedding e = embeddings.get(i);
      if (!e.model.equals(first.model) || e.size() != first.size()) {
        throw new IllegalArgumentException(
            "cannot average embeddings of " + first.model + " and " + e.model);
      }
      for (int j = 0; j < sum.length; j++) {
        sum[j] += weights[i] * e.values[j];
      }
      total += weights[i];
    }
    if (!(total > 0)) {
      return null;
    }
    float[] mean = new float[sum.length];
    for (int j = 0; j < sum.length; j++) {
      mean[j] = (float) (sum[j] / total);
    }
    return new Embedding(first.model, mean);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Embedding e && model.equals(e.model) && Arrays.equals(values, e.values);
  }

  @Override
  public int hashCode() {
    return 31 * model.hashCode() + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "Embedding[" + model + ", " + values.length + " values]";
  }
}
