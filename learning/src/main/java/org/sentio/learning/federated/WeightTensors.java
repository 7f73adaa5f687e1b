package org.sentio.learning.federated;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sentio.affect.fusion.MoeFusionModel;
import org.sentio.affect.fusion.MoeWeights;

/** The fusion model's weights as named tensors (row-major, with shapes), and back. */
public final class WeightTensors {
  private WeightTensors() {}

  /** A named tensor: its shape and values. */
  public record Tensor(int[] shape, float[] values) {
    public Tensor {
      long size = Arrays.stream(shape).asLongStream().reduce(1, (a, b) -> a * b);
      if (size != values.length) {
        throw new IllegalArgumentException(
            "shape " + Arrays.toString(shape) + " holds " + size + " values, not " + values.length);
      }
    }

    /** Rows of a per-row scale: every dimension but the last. */
    public int rows() {
      return values.length / columns();
    }

    public int columns() {
      return shape.length == 0 ? 1 : shape[shape.length - 1];
    }
  }

  /** The tensors of {@code w}, in a fixed order. */
  public static Map<String, Tensor> of(MoeWeights w) {
    int f = MoeFusionModel.FEATURES;
    int d = w.latent();
    int e = w.experts();
    int in = w.inter();
    Map<String, Tensor> t = new LinkedHashMap<>();
    for (int m = 0; m < 3; m++) {
      t.put("proj" + m, new Tensor(new int[] {f, d}, w.proj()[m].clone()));
      t.put("proj_b" + m, new Tensor(new int[] {d}, w.projBias()[m].clone()));
      t.put("score" + m, new Tensor(new int[] {d, 1}, w.score()[m].clone()));
      t.put("score_b" + m, new Tensor(new int[] {1}, w.scoreBias()[m].clone()));
    }
    t.put("gate", new Tensor(new int[] {d, e}, w.gate().clone()));
    t.put("gate_b", new Tensor(new int[] {e}, w.gateBias().clone()));
    t.put("w1", new Tensor(new int[] {e, d, in}, w.w1().clone()));
    t.put("b1", new Tensor(new int[] {e, in}, w.b1().clone()));
    t.put("w2", new Tensor(new int[] {e, in, d}, w.w2().clone()));
    t.put("b2", new Tensor(new int[] {e, d}, w.b2().clone()));
    t.put("wc", new Tensor(new int[] {d, 7}, w.wc().clone()));
    t.put("bc", new Tensor(new int[] {7}, w.bc().clone()));
    t.put("wv", new Tensor(new int[] {d, 1}, w.wv().clone()));
    t.put("bv", new Tensor(new int[] {1}, w.bv().clone()));
    t.put("wa", new Tensor(new int[] {d, 1}, w.wa().clone()));
    t.put("ba", new Tensor(new int[] {1}, w.ba().clone()));
    return t;
  }

  /** Weights with the dimensions of {@code like} and the values of {@code t}. */
  public static MoeWeights toWeights(Map<String, Tensor> t, MoeWeights like) {
    float[][] proj = new float[3][];
    float[][] projBias = new float[3][];
    float[][] score = new float[3][];
    float[][] scoreBias = new float[3][];
    for (int m = 0; m < 3; m++) {
      proj[m] = get(t, "proj" + m);
      projBias[m] = get(t, "proj_b" + m);
      score[m] = get(t, "score" + m);
      scoreBias[m] = get(t, "score_b" + m);
    }
    return new MoeWeights(
        like.latent(),
        like.experts(),
        like.topK(),
        like.inter(),
        proj,
        projBias,
        score,
        scoreBias,
        get(t, "gate"),
        get(t, "gate_b"),
        get(t, "w1"),
        get(t, "b1"),
        get(t, "w2"),
        get(t, "b2"),
        get(t, "wc"),
        get(t, "bc"),
        get(t, "wv"),
        get(t, "bv"),
        get(t, "wa"),
        get(t, "ba"));
  }

  private static float[] get(Map<String, Tensor> t, String name) {
    Tensor tensor = t.get(name);
    if (tensor == null) {
      throw new IllegalArgumentException("no tensor " + name);
    }
    return tensor.values().clone();
  }

  /** {@code a − b}, tensor by tensor. */
  public static Map<String, Tensor> minus(Map<String, Tensor> a, Map<String, Tensor> b) {
    Map<String, Tensor> out = new LinkedHashMap<>();
    a.forEach(
        (name, x) -> {
          float[] y = b.get(name).values();
          float[] d = new float[y.length];
          for (int i = 0; i < d.length; i++) {
            d[i] = x.values()[i] - y[i];
          }
          out.put(name, new Tensor(x.shape(), d));
        });
    return out;
  }

  /** {@code a + factor·b}, tensor by tensor. */
  public static Map<String, Tensor> plus(
      Map<String, Tensor> a, Map<String, Tensor> b, double factor) {
    Map<String, Tensor> out = new LinkedHashMap<>();
    a.forEach(
        (name, x) -> {
          float[] y = b.get(name).values();
          float[] s = new float[y.length];
          for (int i = 0; i < s.length; i++) {
            s[i] = (float) (x.values()[i] + factor * y[i]);
          }
          out.put(name, new Tensor(x.shape(), s));
        });
    return out;
  }

  /** The L2 norm over all tensors together. */
  public static double norm(Map<String, Tensor> t) {
    double sum = 0;
    for (Tensor x : t.values()) {
      for (float v : x.values()) {
        sum += (double) v * v;
      }
    }
    return Math.sqrt(sum);
  }

  /** Values in all tensors together. */
  public static long size(Map<String, Tensor> t) {
    return t.values().stream().mapToLong(x -> x.values().length).sum();
  }
}
