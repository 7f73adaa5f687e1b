package org.sentio.affect.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntConsumer;
import org.sentio.affect.Emotion;

/**
 * Trains an {@link AffectMlp} with DJL on the PyTorch engine: autodiff by {@link
 * GradientCollector}, Adam from DJL's optimisers; nothing here computes a gradient by hand.
 *
 * <p>Loss: class-weighted softmax cross-entropy on the emotion head, plus {@code valenceWeight}
 * times the mean squared error of the valence (and arousal) heads against their targets (an arousal
 * target of NaN masks that item out).
 *
 * <p>Deterministic: the initial weights (Xavier-uniform) and the order of the mini-batches come
 * from {@link Random} seeded with {@code seed}, and PyTorch runs on one thread (set {@code
 * ai.djl.pytorch.num_threads} before the engine loads; {@link #configureEngine()} does it), so the
 * same data and config give the same weights, bit for bit.
 */
public final class AffectMlpTrainer {

  /**
   * @param hidden width of the ReLU hidden layer, 0 for a linear model
   * @param epochs passes over the training rows
   * @param batchSize rows per step
   * @param learningRate Adam's step size
   * @param weightDecay L2 penalty applied by Adam
   * @param classWeightPower class weight = (n / (7 * count))^power; 0 for unweighted
   * @param valenceWeight weight of the valence/arousal squared errors in the loss
   * @param arousal whether to train an arousal head
   * @param seed seed of the initial weights and the batch order
   */
  public record Config(
      int hidden,
      int epochs,
      int batchSize,
      float learningRate,
      float weightDecay,
      double classWeightPower,
      float valenceWeight,
      boolean arousal,
      long seed) {}

  /** Labeled rows: emotion per row, valence target, arousal target (NaN where unknown). */
  public record Targets(int[] emotion, float[] valence, float[] arousal) {}

  /** Predictions of a model on rows: probabilities [n*7] and valence/arousal [n]. */
  public record Predictions(float[] probabilities, float[] valence, float[] arousal) {
    public Emotion top(int row) {
      int best = 0;
      for (int k = 1; k < 7; k++) {
        if (probabilities[row * 7 + k] > probabilities[row * 7 + best]) {
          best = k;
        }
      }
      return Emotion.values()[best];
    }
  }

  private final Config config;

  public AffectMlpTrainer(Config config) {
    this.config = config;
  }

  /** Makes PyTorch run single-threaded (for bit-identical retrains) and never download. */
  public static void configureEngine() {
    System.setProperty("ai.djl.pytorch.num_threads", "1");
    System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    keepDjlOffline();
  }

  /**
   * Keeps DJL from reaching the network: when it loads an engine or the tokenizer natives it
   * otherwise asks the EC2 metadata address and sends a telemetry request, and nothing may leave
   * this machine (NoNetworkTest caught it).
   */
  public static void keepDjlOffline() {
    System.setProperty("ai.djl.offline", "true");
    System.setProperty("OPT_OUT_TRACKING", "true");
  }

  /**
   * Trains on {@code rows} (already standardised where the model standardises: pass {@code mean}
   * and {@code scale} so that they are stored with the weights).
   *
   * @param progress called with the epoch number after each epoch
   */
  public AffectMlp train(
      FeatureRows rows, Targets targets, float[] mean, float[] scale, IntConsumer progress) {
    configureEngine();
    int n = rows.size();
    int d = rows.dimension();
    int h = config.hidden();
    int width = h > 0 ? h : d;
    float[] classWeights = classWeights(targets.emotion());
    Random random = new Random(config.seed());
    Engine engine = Engine.getEngine("PyTorch");
    try (NDManager manager = engine.newBaseManager()) {
      Map<String, NDArray> params = new LinkedHashMap<>();
      if (h > 0) {
        params.put("w1", xavier(manager, random, d, h));
        params.put("b1", manager.zeros(new Shape(h)));
      }
      params.put("wc", xavier(manager, random, width, 7));
      params.put("bc", manager.zeros(new Shape(7)));
      params.put("wv", xavier(manager, random, width, 1));
      params.put("bv", manager.zeros(new Shape(1)));
      if (config.arousal()) {
        params.put("wa", xavier(manager, random, width, 1));
        params.put("ba", manager.zeros(new Shape(1)));
      }
      for (NDArray p : params.values()) {
        p.setRequiresGradient(true);
      }
      Optimizer adam =
          Optimizer.adam()
              .optLearningRateTracker(Tracker.fixed(config.learningRate()))
              .optWeightDecays(config.weightDecay())
              .build();
      int[] order = new int[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      for (int epoch = 1; epoch <= config.epochs(); epoch++) {
        shuffle(order, random);
        for (int start = 0; start < n; start += config.batchSize()) {
          int[] batch = Arrays.copyOfRange(order, start, Math.min(n, start + config.batchSize()));
          step(manager, params, adam, rows, targets, classWeights, batch);
        }
        progress.accept(epoch);
      }
      return new AffectMlp(
          d,
          h,
          mean,
          scale,
          h > 0 ? params.get("w1").toFloatArray() : null,
          h > 0 ? params.get("b1").toFloatArray() : null,
          params.get("wc").toFloatArray(),
          params.get("bc").toFloatArray(),
          params.get("wv").toFloatArray(),
          params.get("bv").toFloatArray(),
          config.arousal() ? params.get("wa").toFloatArray() : null,
          config.arousal() ? params.get("ba").toFloatArray() : null);
    }
  }

  private void step(
      NDManager manager,
      Map<String, NDArray> params,
      Optimizer adam,
      FeatureRows rows,
      Targets targets,
      float[] classWeights,
      int[] batch) {
    int b = batch.length;
    int d = rows.dimension();
    float[] x = new float[b * d];
    float[] oneHot = new float[b * 7];
    float[] valence = new float[b];
    float[] arousal = new float[b];
    float[] arousalMask = new float[b];
    float weightSum = 0;
    for (int i = 0; i < b; i++) {
      int row = batch[i];
      rows.copyRow(row, x, i * d);
      int label = targets.emotion()[row];
      oneHot[i * 7 + label] = classWeights[label];
      weightSum += classWeights[label];
      valence[i] = targets.valence()[row];
      float a = targets.arousal() == null ? Float.NaN : targets.arousal()[row];
      arousalMask[i] = Float.isNaN(a) ? 0 : 1;
      arousal[i] = Float.isNaN(a) ? 0 : a;
    }
    try (NDManager scope = manager.newSubManager()) {
      NDArray xs = scope.create(x, new Shape(b, d));
      NDArray ys = scope.create(oneHot, new Shape(b, 7));
      NDArray vs = scope.create(valence, new Shape(b, 1));
      NDArray as = scope.create(arousal, new Shape(b, 1));
      NDArray am = scope.create(arousalMask, new Shape(b, 1));
      try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
        NDList out = forward(params, xs);
        NDArray logp = out.get(0).logSoftmax(1);
        NDArray ce = logp.mul(ys).sum().neg().div(Scalars.of(scope, weightSum));
        NDArray loss =
            ce.add(
                out.get(1)
                    .tanh()
                    .sub(vs)
                    .square()
                    .mean()
                    .mul(Scalars.of(scope, config.valenceWeight())));
        if (config.arousal()) {
          float masked = Math.max(1, sum(arousalMask));
          loss =
              loss.add(
                  out.get(2)
                      .tanh()
                      .sub(as)
                      .square()
                      .mul(am)
                      .sum()
                      .div(Scalars.of(scope, masked))
                      .mul(Scalars.of(scope, config.valenceWeight())));
        }
        collector.backward(loss);
      }
      for (Map.Entry<String, NDArray> p : params.entrySet()) {
        NDArray gradient = p.getValue().getGradient();
        adam.update(p.getKey(), p.getValue(), gradient);
        gradient.close();
      }
    }
  }

  /** Logits, valence pre-activation, arousal pre-activation (when trained). */
  private static NDList forward(Map<String, NDArray> params, NDArray x) {
    NDArray h = x;
    if (params.containsKey("w1")) {
      h = x.matMul(params.get("w1")).add(params.get("b1")).maximum(Scalars.of(x.getManager(), 0f));
    }
    NDList out = new NDList();
    out.add(h.matMul(params.get("wc")).add(params.get("bc")));
    out.add(h.matMul(params.get("wv")).add(params.get("bv")));
    if (params.containsKey("wa")) {
      out.add(h.matMul(params.get("wa")).add(params.get("ba")));
    }
    return out;
  }

  /** Runs a trained model on {@code rows} with DJL (the reference for the ONNX export). */
  public static Predictions predict(AffectMlp mlp, FeatureRows rows) {
    configureEngine();
    int n = rows.size();
    int d = rows.dimension();
    float[] probabilities = new float[n * 7];
    float[] valence = new float[n];
    float[] arousal = new float[n];
    try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
      Map<String, NDArray> params = new LinkedHashMap<>();
      int width = mlp.headInputSize();
      if (mlp.hiddenSize() > 0) {
        params.put("w1", manager.create(mlp.w1(), new Shape(d, mlp.hiddenSize())));
        params.put("b1", manager.create(mlp.b1()));
      }
      params.put("wc", manager.create(mlp.wc(), new Shape(width, 7)));
      params.put("bc", manager.create(mlp.bc()));
      params.put("wv", manager.create(mlp.wv(), new Shape(width, 1)));
      params.put("bv", manager.create(mlp.bv()));
      if (mlp.hasArousal()) {
        params.put("wa", manager.create(mlp.wa(), new Shape(width, 1)));
        params.put("ba", manager.create(mlp.ba()));
      }
      int chunk = 512;
      for (int start = 0; start < n; start += chunk) {
        int b = Math.min(chunk, n - start);
        float[] x = new float[b * d];
        for (int i = 0; i < b; i++) {
          rows.copyRow(start + i, x, i * d);
        }
        try (NDManager scope = manager.newSubManager()) {
          NDList out = forward(params, scope.create(x, new Shape(b, d)));
          System.arraycopy(
              out.get(0).softmax(1).toFloatArray(), 0, probabilities, start * 7, b * 7);
          System.arraycopy(out.get(1).tanh().toFloatArray(), 0, valence, start, b);
          if (mlp.hasArousal()) {
            System.arraycopy(out.get(2).tanh().toFloatArray(), 0, arousal, start, b);
          } else {
            Arrays.fill(arousal, start, start + b, Float.NaN);
          }
        }
      }
    }
    return new Predictions(probabilities, valence, arousal);
  }

  private float[] classWeights(int[] labels) {
    long[] counts = new long[7];
    for (int label : labels) {
      counts[label]++;
    }
    float[] weights = new float[7];
    for (int k = 0; k < 7; k++) {
      weights[k] =
          counts[k] == 0
              ? 0
              : (float) Math.pow(labels.length / (7.0 * counts[k]), config.classWeightPower());
    }
    return weights;
  }

  private static NDArray xavier(NDManager manager, Random random, int in, int out) {
    double limit = Math.sqrt(6.0 / (in + out));
    float[] values = new float[in * out];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) ((2 * random.nextDouble() - 1) * limit);
    }
    return manager.create(values, new Shape(in, out));
  }

  private static void shuffle(int[] order, Random random) {
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
  }

  private static float sum(float[] values) {
    float s = 0;
    for (float v : values) {
      s += v;
    }
    return s;
  }

  /** Column means and standard deviations over finite values (scale 1 where constant). */
  public static float[][] standardisation(List<float[]> rows, int dimension) {
    float[] mean = new float[dimension];
    float[] scale = new float[dimension];
    for (int j = 0; j < dimension; j++) {
      List<Double> values = new ArrayList<>();
      for (float[] row : rows) {
        if (Float.isFinite(row[j])) {
          values.add((double) row[j]);
        }
      }
      double m = values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
      double v = values.stream().mapToDouble(x -> (x - m) * (x - m)).sum();
      double s = values.size() > 1 ? Math.sqrt(v / (values.size() - 1)) : 0;
      mean[j] = (float) m;
      scale[j] = s > 1e-6 ? (float) s : 1f;
    }
    return new float[][] {mean, scale};
  }

  /** {@code (x - mean) / scale} with NaN replaced by 0, as the exported graph computes it. */
  public static float[] standardise(float[] row, float[] mean, float[] scale) {
    float[] out = new float[row.length];
    for (int j = 0; j < row.length; j++) {
      float z = (row[j] - mean[j]) / scale[j];
      out[j] = Float.isNaN(z) ? 0 : z;
    }
    return out;
  }
}
