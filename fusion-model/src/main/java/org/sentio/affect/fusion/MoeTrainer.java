package org.sentio.affect.fusion;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.IntConsumer;
import org.sentio.affect.train.AffectMlpTrainer;
import org.sentio.affect.train.Scalars;

/**
 * Trains the MoE fusion model with DJL on the PyTorch engine (autodiff by {@link
 * GradientCollector}, Adam; no hand-written gradients). The forward pass is the one {@link MoeOnnx}
 * writes: per-modality tanh projections, masked attention over present modalities, a softmax gate
 * with top-k renormalised routing, ReLU experts, a residual, and the three heads.
 *
 * <p>The projection matrix is shared by the three modalities (their biases, attention scores and
 * everything after are not), so the model weighs each modality's evidence by its reliability rather
 * than remapping its classes per modality.
 *
 * <p>Loss = cross-entropy + {@code regressionWeight}·(MSE valence + MSE arousal) + {@code
 * balanceWeight}·Switch/GShard load-balancing loss (E·Σ f_e·P_e, f_e the share of routed slots, P_e
 * the mean gate probability) + {@code alignWeight}·symmetric InfoNCE between the normalised
 * projections of every pair of modalities present in the same window (temperature {@code
 * temperature}). Modality dropout: each present modality of a training window is masked with
 * probability {@code modalityDropout}, never all of them. Gaussian noise of standard deviation
 * {@code inputNoise} is added to the log-probabilities of present modalities, so that the model
 * cannot memorise the few distinct outputs a pool holds (RAVDESS gives 104 voice clips per split).
 *
 * <p>Deterministic: weights, batch order and dropout come from {@link Random}({@code seed}) and
 * PyTorch runs on one thread, so the same data and config give the same weights.
 */
public final class MoeTrainer {

  public record Config(
      int latent,
      int experts,
      int topK,
      int inter,
      int epochs,
      int batchSize,
      float learningRate,
      float weightDecay,
      float regressionWeight,
      float balanceWeight,
      float alignWeight,
      float temperature,
      double modalityDropout,
      double inputNoise,
      long seed) {
    public static Config defaults() {
      return new Config(
          32, 16, 2, 32, 20, 64, 3e-3f, 1e-4f, 0.5f, 0.05f, 0.1f, 0.2f, 0.3, 0.5, 20261129L);
    }
  }

  /** Training windows: x [n*30], mask [n*3], label [n], valence and arousal targets [n]. */
  public record Windows(float[] x, float[] mask, int[] label, float[] valence, float[] arousal) {
    public int size() {
      return label.length;
    }

    /** These windows followed by {@code more}. */
    public Windows plus(Windows more) {
      return new Windows(
          concat(x, more.x),
          concat(mask, more.mask),
          java.util.stream.IntStream.concat(Arrays.stream(label), Arrays.stream(more.label))
              .toArray(),
          concat(valence, more.valence),
          concat(arousal, more.arousal));
    }

    private static float[] concat(float[] a, float[] b) {
      float[] out = Arrays.copyOf(a, a.length + b.length);
      System.arraycopy(b, 0, out, a.length, b.length);
      return out;
    }
  }

  /** Outputs of the trainer's own forward pass (the reference for the ONNX parity check). */
  public record Outputs(
      float[] emotions, float[] valence, float[] arousal, float[] modalityWeights, float[] gate) {}

  /** The least number of training windows {@link #train} accepts. */
  public static final int MIN_WINDOWS = 200;

  private final Config config;

  public MoeTrainer(Config config) {
    this.config = config;
  }

  public Config config() {
    return config;
  }

  public MoeWeights train(Windows data, IntConsumer progress) {
    if (data.size() < MIN_WINDOWS) {
      throw new IllegalArgumentException(
          "too little data to train the fusion model: "
              + data.size()
              + " windows, at least "
              + MIN_WINDOWS
              + " are needed");
    }
    AffectMlpTrainer.configureEngine();
    MoeWeights init = initialWeights();
    Random random = new Random(config.seed() + 1);
    int n = data.size();
    try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
      Map<String, NDArray> p = trainable(manager, init);
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
        for (int i = n - 1; i > 0; i--) {
          int j = random.nextInt(i + 1);
          int t = order[i];
          order[i] = order[j];
          order[j] = t;
        }
        for (int start = 0; start + 1 < n; start += config.batchSize()) {
          int[] batch = Arrays.copyOfRange(order, start, Math.min(n, start + config.batchSize()));
          step(manager, p, adam, data, batch, random);
        }
        progress.accept(epoch);
      }
      return weights(p, init);
    }
  }

  /** The weights training starts from: random, from the config's seed. */
  public MoeWeights initialWeights() {
    return MoeWeights.random(
        config.latent(), config.experts(), config.topK(), config.inter(), config.seed());
  }

  /**
   * The trainable parameters of {@code w} in {@code manager}, gradients on. One projection is
   * shared by the modalities: the model may weigh a modality by its reliability, but not remap its
   * classes (which two training speakers cannot teach).
   */
  public static Map<String, NDArray> trainable(NDManager manager, MoeWeights w) {
    Map<String, NDArray> p = params(manager, w);
    p.remove("proj1");
    p.remove("proj2");
    for (NDArray a : p.values()) {
      a.setRequiresGradient(true);
    }
    return p;
  }

  /** The weights held by trainable parameters {@code p}, with the dimensions of {@code shape}. */
  public static MoeWeights weightsOf(Map<String, NDArray> p, MoeWeights shape) {
    return weights(p, shape);
  }

  private void step(
      NDManager manager,
      Map<String, NDArray> p,
      Optimizer adam,
      Windows data,
      int[] batch,
      Random random) {
    try (NDManager scope = manager.newSubManager()) {
      try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
        collector.backward(loss(scope, p, data, batch, random));
      }
      for (Map.Entry<String, NDArray> e : p.entrySet()) {
        NDArray gradient = e.getValue().getGradient();
        adam.update(e.getKey(), e.getValue(), gradient);
        gradient.close();
      }
    }
  }

  /**
   * The training loss of rows {@code batch} of {@code data} (modality dropout and input noise drawn
   * from {@code random}), its arrays owned by {@code scope}; call inside a gradient collector to
   * differentiate it. With one row it is that window's own loss (the alignment term needs two).
   */
  public NDArray loss(
      NDManager scope, Map<String, NDArray> p, Windows data, int[] batch, Random random) {
    int b = batch.length;
    int w = MoeFusionModel.WIDTH;
    float[] x = new float[b * w];
    float[] mask = new float[b * 3];
    float[] oneHot = new float[b * 7];
    float[] v = new float[b];
    float[] a = new float[b];
    for (int i = 0; i < b; i++) {
      int row = batch[i];
      System.arraycopy(data.x(), row * w, x, i * w, w);
      System.arraycopy(data.mask(), row * 3, mask, i * 3, 3);
      int present = 0;
      for (int m = 0; m < 3; m++) {
        present += mask[i * 3 + m] > 0 ? 1 : 0;
      }
      for (int m = 0; m < 3; m++) {
        if (mask[i * 3 + m] > 0 && present > 1 && random.nextDouble() < config.modalityDropout()) {
          mask[i * 3 + m] = 0;
          Arrays.fill(
              x,
              i * w + m * MoeFusionModel.FEATURES,
              i * w + (m + 1) * MoeFusionModel.FEATURES,
              0f);
          present--;
        }
      }
      for (int m = 0; m < 3; m++) {
        if (mask[i * 3 + m] > 0) {
          for (int k = 0; k < 7; k++) {
            x[i * w + m * MoeFusionModel.FEATURES + k] +=
                (float) (config.inputNoise() * random.nextGaussian());
          }
        }
      }
      oneHot[i * 7 + data.label()[row]] = 1;
      v[i] = data.valence()[row];
      a[i] = data.arousal()[row];
    }
    NDArray xs = scope.create(x, new Shape(b, w));
    NDArray ms = scope.create(mask, new Shape(b, 3));
    Forward f = forward(p, xs, ms, config.experts(), config.topK());
    NDArray loss =
        f.logits
            .logSoftmax(1)
            .mul(scope.create(oneHot, new Shape(b, 7)))
            .sum()
            .neg()
            .div(Scalars.of(scope, b));
    NDArray reg =
        f.valence
            .tanh()
            .sub(scope.create(v, new Shape(b, 1)))
            .square()
            .mean()
            .add(f.arousal.tanh().sub(scope.create(a, new Shape(b, 1))).square().mean());
    loss = loss.add(reg.mul(Scalars.of(scope, config.regressionWeight())));
    // Switch / GShard load balancing: E * sum_e f_e * P_e.
    float[] share = new float[config.experts()];
    for (int i = 0; i < f.selection.length; i++) {
      share[i % config.experts()] += f.selection[i] / (b * config.topK());
    }
    NDArray balance =
        f.probs
            .mean(new int[] {0})
            .mul(scope.create(share))
            .sum()
            .mul(Scalars.of(scope, config.experts()));
    loss = loss.add(balance.mul(Scalars.of(scope, config.balanceWeight())));
    int[] labels = new int[b];
    for (int i = 0; i < b; i++) {
      labels[i] = data.label()[batch[i]];
    }
    return loss.add(alignment(f, mask, labels, scope).mul(Scalars.of(scope, config.alignWeight())));
  }

  /**
   * Symmetric InfoNCE between the projections of each pair of modalities present together; the
   * negatives are the other windows of another label.
   */
  private NDArray alignment(Forward f, float[] mask, int[] labels, NDManager scope) {
    int b = labels.length;
    NDArray total = scope.zeros(new Shape());
    NDArray eye = scope.eye(b);
    // Windows are paired by label, so other windows of the same label are not negatives.
    float[] sameLabel = new float[b * b];
    for (int i = 0; i < b; i++) {
      for (int j = 0; j < b; j++) {
        sameLabel[i * b + j] = i != j && labels[i] == labels[j] ? -MoeOnnx.MASK_PENALTY : 0;
      }
    }
    NDArray notNegative = scope.create(sameLabel, new Shape(b, b));
    for (int m1 = 0; m1 < 3; m1++) {
      for (int m2 = m1 + 1; m2 < 3; m2++) {
        float[] both = new float[b];
        float[] col1 = new float[b];
        float[] col2 = new float[b];
        float count = 0;
        for (int i = 0; i < b; i++) {
          both[i] = mask[i * 3 + m1] * mask[i * 3 + m2];
          count += both[i];
          col1[i] = (mask[i * 3 + m1] - 1) * MoeOnnx.MASK_PENALTY;
          col2[i] = (mask[i * 3 + m2] - 1) * MoeOnnx.MASK_PENALTY;
        }
        if (count < 2) {
          continue;
        }
        NDArray z1 = normalise(f.z[m1]);
        NDArray z2 = normalise(f.z[m2]);
        NDArray sim =
            z1.matMul(z2.transpose()).div(Scalars.of(scope, config.temperature())).add(notNegative);
        NDArray w = scope.create(both, new Shape(b, 1));
        NDArray l12 =
            sim.add(scope.create(col2, new Shape(1, b)))
                .logSoftmax(1)
                .mul(eye)
                .sum(new int[] {1}, true);
        NDArray l21 =
            sim.transpose()
                .add(scope.create(col1, new Shape(1, b)))
                .logSoftmax(1)
                .mul(eye)
                .sum(new int[] {1}, true);
        total = total.add(l12.add(l21).mul(w).sum().neg().div(Scalars.of(scope, 2 * count)));
      }
    }
    return total;
  }

  private static NDArray normalise(NDArray z) {
    return z.div(z.square().sum(new int[] {1}, true).add(Scalars.of(z.getManager(), 1e-8f)).sqrt());
  }

  private static final class Forward {
    NDArray logits;
    NDArray valence;
    NDArray arousal;
    NDArray modalityWeights;
    NDArray probs;
    NDArray gate;
    NDArray[] z = new NDArray[3];
    float[] selection;
  }

  private static Forward forward(Map<String, NDArray> p, NDArray x, NDArray mask, int e, int k) {
    Forward f = new Forward();
    int fs = MoeFusionModel.FEATURES;
    NDList scores = new NDList();
    NDList zs = new NDList();
    for (int m = 0; m < 3; m++) {
      NDArray xm = x.get(new NDIndex(":, " + (m * fs) + ":" + ((m + 1) * fs)));
      NDArray proj = p.containsKey("proj" + m) ? p.get("proj" + m) : p.get("proj0");
      f.z[m] = xm.matMul(proj).add(p.get("proj_b" + m)).tanh();
      scores.add(f.z[m].matMul(p.get("score" + m)).add(p.get("score_b" + m)));
      zs.add(f.z[m]);
    }
    NDManager scope = x.getManager();
    NDArray masked =
        NDArrays.concat(scores, 1)
            .add(mask.sub(Scalars.of(scope, 1f)).mul(Scalars.of(scope, MoeOnnx.MASK_PENALTY)));
    f.modalityWeights = masked.softmax(1);
    NDArray fused = NDArrays.stack(zs, 1).mul(f.modalityWeights.expandDims(2)).sum(new int[] {1});
    f.probs = fused.matMul(p.get("gate")).add(p.get("gate_b")).softmax(1);
    float[] probs = f.probs.toFloatArray();
    int n = probs.length / e;
    f.selection = new float[n * e];
    for (int i = 0; i < n; i++) {
      for (int j : topK(probs, i * e, e, k)) {
        f.selection[i * e + j] = 1;
      }
    }
    NDArray top = f.probs.mul(f.probs.getManager().create(f.selection, new Shape(n, e)));
    f.gate = top.div(top.sum(new int[] {1}, true));
    NDArray h =
        fused.expandDims(0).matMul(p.get("w1")).add(p.get("b1")).maximum(Scalars.of(scope, 0f));
    NDArray experts = h.matMul(p.get("w2")).add(p.get("b2")).transpose(1, 0, 2);
    NDArray moe = experts.mul(f.gate.expandDims(2)).sum(new int[] {1});
    NDArray hidden = fused.add(moe);
    f.logits = hidden.matMul(p.get("wc")).add(p.get("bc"));
    f.valence = hidden.matMul(p.get("wv")).add(p.get("bv"));
    f.arousal = hidden.matMul(p.get("wa")).add(p.get("ba"));
    return f;
  }

  /** Indices of the k largest values of row {@code [offset, offset+e)}; ties to the lower index. */
  static int[] topK(float[] values, int offset, int e, int k) {
    int[] chosen = new int[k];
    boolean[] used = new boolean[e];
    for (int j = 0; j < k; j++) {
      int best = -1;
      for (int c = 0; c < e; c++) {
        if (!used[c] && (best < 0 || values[offset + c] > values[offset + best])) {
          best = c;
        }
      }
      used[best] = true;
      chosen[j] = best;
    }
    return chosen;
  }

  /** Runs the trainer's forward pass (no dropout) on windows. */
  public static Outputs predict(MoeWeights w, float[] x, float[] mask, int n) {
    AffectMlpTrainer.configureEngine();
    try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
      Map<String, NDArray> p = params(manager, w);
      Forward f =
          forward(
              p,
              manager.create(x, new Shape(n, MoeFusionModel.WIDTH)),
              manager.create(mask, new Shape(n, 3)),
              w.experts(),
              w.topK());
      return new Outputs(
          f.logits.softmax(1).toFloatArray(),
          f.valence.tanh().toFloatArray(),
          f.arousal.tanh().toFloatArray(),
          f.modalityWeights.toFloatArray(),
          f.gate.toFloatArray());
    }
  }

  private static Map<String, NDArray> params(NDManager m, MoeWeights w) {
    int d = w.latent();
    int e = w.experts();
    int in = w.inter();
    int fs = MoeFusionModel.FEATURES;
    Map<String, NDArray> p = new LinkedHashMap<>();
    for (int i = 0; i < 3; i++) {
      p.put("proj" + i, m.create(w.proj()[i], new Shape(fs, d)));
      p.put("proj_b" + i, m.create(w.projBias()[i], new Shape(d)));
      p.put("score" + i, m.create(w.score()[i], new Shape(d, 1)));
      p.put("score_b" + i, m.create(w.scoreBias()[i], new Shape(1)));
    }
    p.put("gate", m.create(w.gate(), new Shape(d, e)));
    p.put("gate_b", m.create(w.gateBias(), new Shape(e)));
    p.put("w1", m.create(w.w1(), new Shape(e, d, in)));
    p.put("b1", m.create(w.b1(), new Shape(e, 1, in)));
    p.put("w2", m.create(w.w2(), new Shape(e, in, d)));
    p.put("b2", m.create(w.b2(), new Shape(e, 1, d)));
    p.put("wc", m.create(w.wc(), new Shape(d, 7)));
    p.put("bc", m.create(w.bc(), new Shape(7)));
    p.put("wv", m.create(w.wv(), new Shape(d, 1)));
    p.put("bv", m.create(w.bv(), new Shape(1)));
    p.put("wa", m.create(w.wa(), new Shape(d, 1)));
    p.put("ba", m.create(w.ba(), new Shape(1)));
    return p;
  }

  private static MoeWeights weights(Map<String, NDArray> p, MoeWeights shape) {
    float[][] proj = new float[3][];
    float[][] projBias = new float[3][];
    float[][] score = new float[3][];
    float[][] scoreBias = new float[3][];
    for (int i = 0; i < 3; i++) {
      proj[i] = p.getOrDefault("proj" + i, p.get("proj0")).toFloatArray();
      projBias[i] = p.get("proj_b" + i).toFloatArray();
      score[i] = p.get("score" + i).toFloatArray();
      scoreBias[i] = p.get("score_b" + i).toFloatArray();
    }
    return new MoeWeights(
        shape.latent(),
        shape.experts(),
        shape.topK(),
        shape.inter(),
        proj,
        projBias,
        score,
        scoreBias,
        p.get("gate").toFloatArray(),
        p.get("gate_b").toFloatArray(),
        p.get("w1").toFloatArray(),
        p.get("b1").toFloatArray(),
        p.get("w2").toFloatArray(),
        p.get("b2").toFloatArray(),
        p.get("wc").toFloatArray(),
        p.get("bc").toFloatArray(),
        p.get("wv").toFloatArray(),
        p.get("bv").toFloatArray(),
        p.get("wa").toFloatArray(),
        p.get("ba").toFloatArray());
  }
}
