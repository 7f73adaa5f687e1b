package org.sentio.affect.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.sentio.affect.convert.FaceHeadGraph;

/**
 * Trains the head of {@code face-expression-head} with DJL (PyTorch engine, autodiff, Adam): a
 * linear layer, or one ReLU hidden layer and a linear layer, over standardised backbone embeddings
 * ({@link FaceHeadGraph}), with cross-entropy against a target distribution per row (the FER+
 * raters' vote shares, optionally mixed with FER-2013's own label) and an L2 penalty on the
 * weights.
 *
 * <p>Deterministic: weights and batch order come from {@link Random} seeded with {@code seed} and
 * PyTorch runs on one thread ({@link AffectMlpTrainer#configureEngine()}).
 */
public final class FaceHeadTrainer {
  /**
   * @param hidden width of the ReLU hidden layer, 0 for multinomial logistic regression
   * @param epochs passes over the training rows
   * @param batchSize rows per step
   * @param learningRate Adam's step size
   * @param weightDecay L2 penalty on the weight matrices (added to the mean loss)
   * @param ferPlusShare weight of the FER+ vote shares in the target; the rest goes to FER-2013's
   *     own label where the face has one
   * @param seed seed of the initial weights and the batch order
   */
  public record Config(
      int hidden,
      int epochs,
      int batchSize,
      float learningRate,
      float weightDecay,
      float ferPlusShare,
      long seed) {}

  private final Config config;

  public FaceHeadTrainer(Config config) {
    this.config = config;
  }

  /**
   * Trains on {@code n} standardised rows {@code x} ([n, dim]) against {@code targets} ([n,
   * classes], each row summing to 1) and returns the head with the given standardisation.
   */
  public FaceHeadGraph.Head train(
      float[] x, float[] targets, int n, int classes, float[] mean, float[] scale) {
    AffectMlpTrainer.configureEngine();
    int dim = mean.length;
    Random random = new Random(config.seed());
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
      Map<String, NDArray> params = new LinkedHashMap<>();
      int width = dim;
      if (config.hidden() > 0) {
        params.put("w1", uniform(manager, random, new Shape(dim, config.hidden()), dim));
        params.put("b1", manager.zeros(new Shape(config.hidden())));
        width = config.hidden();
      }
      params.put("w2", uniform(manager, random, new Shape(width, classes), width));
      params.put("b2", manager.zeros(new Shape(classes)));
      params.values().forEach(p -> p.setRequiresGradient(true));
      Optimizer adam =
          Optimizer.adam().optLearningRateTracker(Tracker.fixed(config.learningRate())).build();
      for (int epoch = 0; epoch < config.epochs(); epoch++) {
        shuffle(order, random);
        for (int start = 0; start < n; start += config.batchSize()) {
          int b = Math.min(config.batchSize(), n - start);
          float[] xb = new float[b * dim];
          float[] tb = new float[b * classes];
          for (int i = 0; i < b; i++) {
            int row = order[start + i];
            System.arraycopy(x, row * dim, xb, i * dim, dim);
            System.arraycopy(targets, row * classes, tb, i * classes, classes);
          }
          try (NDManager scope = manager.newSubManager()) {
            NDArray xs = scope.create(xb, new Shape(b, dim));
            NDArray ts = scope.create(tb, new Shape(b, classes));
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
              NDArray logp = logits(params, xs).logSoftmax(1);
              NDArray loss = logp.mul(ts).sum().neg().div(Scalars.of(scope, b));
              NDArray penalty = params.get("w2").square().sum();
              if (params.containsKey("w1")) {
                penalty = penalty.add(params.get("w1").square().sum());
              }
              collector.backward(loss.add(penalty.mul(Scalars.of(scope, config.weightDecay()))));
            }
            for (Map.Entry<String, NDArray> p : params.entrySet()) {
              NDArray gradient = p.getValue().getGradient();
              adam.update(p.getKey(), p.getValue(), gradient);
              gradient.close();
            }
          }
        }
      }
      float[] empty = new float[0];
      return new FaceHeadGraph.Head(
          mean.clone(),
          scale.clone(),
          config.hidden(),
          config.hidden() > 0 ? params.get("w1").toFloatArray() : empty,
          config.hidden() > 0 ? params.get("b1").toFloatArray() : empty,
          params.get("w2").toFloatArray(),
          params.get("b2").toFloatArray());
    }
  }

  /** The head's probabilities on {@code n} raw (not yet standardised) embeddings, by DJL. */
  public static float[] predict(FaceHeadGraph.Head head, float[] embeddings, int n) {
    AffectMlpTrainer.configureEngine();
    int dim = head.mean().length;
    float[] x = standardise(embeddings, n, head.mean(), head.scale());
    try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
      Map<String, NDArray> params = new LinkedHashMap<>();
      int width = dim;
      if (head.hidden() > 0) {
        params.put("w1", manager.create(head.w1(), new Shape(dim, head.hidden())));
        params.put("b1", manager.create(head.b1()));
        width = head.hidden();
      }
      params.put("w2", manager.create(head.w2(), new Shape(width, head.classes())));
      params.put("b2", manager.create(head.b2()));
      return logits(params, manager.create(x, new Shape(n, dim))).softmax(1).toFloatArray();
    }
  }

  /** {@code (x - mean) * scale} per dimension, row after row. */
  public static float[] standardise(float[] x, int n, float[] mean, float[] scale) {
    int dim = mean.length;
    float[] out = new float[n * dim];
    for (int i = 0; i < n; i++) {
      for (int d = 0; d < dim; d++) {
        out[i * dim + d] = (x[i * dim + d] - mean[d]) * scale[d];
      }
    }
    return out;
  }

  private static NDArray logits(Map<String, NDArray> params, NDArray x) {
    NDArray h = x;
    if (params.containsKey("w1")) {
      h = h.matMul(params.get("w1")).add(params.get("b1")).maximum(Scalars.of(x.getManager(), 0f));
    }
    return h.matMul(params.get("w2")).add(params.get("b2"));
  }

  private static NDArray uniform(NDManager manager, Random random, Shape shape, int fanIn) {
    double limit = Math.sqrt(6.0 / fanIn);
    float[] values = new float[(int) shape.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) ((2 * random.nextDouble() - 1) * limit);
    }
    return manager.create(values, shape);
  }

  private static void shuffle(int[] order, Random random) {
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
  }
}
