package org.sentio.affect.speech.speaker;

import java.util.Arrays;

/**
 * One speech segment's x-vector, scaled to unit length so that the dot product of two embeddings is
 * their cosine similarity.
 *
 * @param vector {@link SpeakerEmbedder#DIMENSION} floats of unit length
 * @param frames the 10 ms speech frames the network saw (more frames, steadier vector)
 */
public record SpeakerEmbedding(float[] vector, int frames) {

  public SpeakerEmbedding {
    vector = unitLength(vector);
  }

  /** Cosine similarity, in [-1, 1]. */
  public double cosine(SpeakerEmbedding other) {
    return dot(vector, other.vector);
  }

  @Override
  public float[] vector() {
    return vector.clone();
  }

  static double dot(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("dimensions differ: " + a.length + " vs " + b.length);
    }
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += (double) a[i] * b[i];
    }
    return sum;
  }

  static float[] unitLength(float[] v) {
    double norm = Math.sqrt(dot(v, v));
    if (!(norm > 0) || !Double.isFinite(norm)) {
      throw new IllegalArgumentException("an embedding needs a finite, non-zero vector");
    }
    float[] unit = Arrays.copyOf(v, v.length);
    for (int i = 0; i < unit.length; i++) {
      unit[i] /= (float) norm;
    }
    return unit;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SpeakerEmbedding e && frames == e.frames && Arrays.equals(vector, e.vector);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(vector) + frames;
  }

  @Override
  public String toString() {
    return "SpeakerEmbedding[" + vector.length + " dims, " + frames + " frames]";
  }
}
