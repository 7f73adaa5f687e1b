package org.sentio.affect.text;

import java.util.List;
import org.sentio.affect.train.FeatureRows;

/**
 * The input of the encoder text-affect models: the {@link TextFeaturizer} n-gram vector (unit
 * length) followed by the sentence embedding (unit length) times {@link #EMBEDDING_WEIGHT}.
 */
public final class EncoderFeatures {
  /** The manifest field naming the encoder a model reads. */
  public static final String MANIFEST_FIELD = "encoder";

  public static final int DIMENSION = TextFeaturizer.DIMENSION + SentenceEncoder.DIMENSION;

  /**
   * The embedding's scale beside the n-grams. Each part is unit length, but the n-gram weights of a
   * linear model spread over thousands of rare features while the embedding's 384 are shared by
   * every row; a larger scale lets Adam move them as fast.
   */
  public static final float EMBEDDING_WEIGHT = 2f;

  private final TextFeaturizer featurizer;
  private final EncoderTextTraining.Features features;

  public EncoderFeatures(Language language, EncoderTextTraining.Features features) {
    this.featurizer =
        new TextFeaturizer(language, TextModelTraining.Spec.of(language).negationMarking);
    this.features = features;
  }

  /** The vector of one utterance, given its embedding (the shipped models read both parts). */
  public float[] vector(String text, float[] embedding) {
    float[] x = new float[DIMENSION];
    TextFeaturizer.Sparse sparse = featurizer.vector(text);
    for (int k = 0; k < sparse.indices().length; k++) {
      x[sparse.indices()[k]] += sparse.values()[k];
    }
    for (int j = 0; j < SentenceEncoder.DIMENSION; j++) {
      x[TextFeaturizer.DIMENSION + j] = EMBEDDING_WEIGHT * embedding[j];
    }
    return x;
  }

  /** Training rows {@code which} of {@code items}, with the parts this run uses. */
  FeatureRows rows(
      List<EncoderTextTraining.Item> items, float[][] embeddings, List<Integer> which) {
    int n = which.size();
    int[][] indices = new int[n][];
    float[][] values = new float[n][];
    boolean ngrams = features != EncoderTextTraining.Features.EMBEDDING;
    boolean embedding = features != EncoderTextTraining.Features.NGRAMS;
    int offset = ngrams ? TextFeaturizer.DIMENSION : 0;
    int dimension =
        (ngrams ? TextFeaturizer.DIMENSION : 0) + (embedding ? SentenceEncoder.DIMENSION : 0);
    for (int r = 0; r < n; r++) {
      int i = which.get(r);
      TextFeaturizer.Sparse sparse =
          ngrams
              ? featurizer.vector(items.get(i).text())
              : new TextFeaturizer.Sparse(new int[0], new float[0]);
      int m = sparse.indices().length;
      int e = embedding ? SentenceEncoder.DIMENSION : 0;
      int[] index = new int[m + e];
      float[] value = new float[m + e];
      System.arraycopy(sparse.indices(), 0, index, 0, m);
      System.arraycopy(sparse.values(), 0, value, 0, m);
      for (int j = 0; j < e; j++) {
        index[m + j] = offset + j;
        value[m + j] = EMBEDDING_WEIGHT * embeddings[i][j];
      }
      indices[r] = index;
      values[r] = value;
    }
    return FeatureRows.sparse(indices, values, dimension);
  }
}
