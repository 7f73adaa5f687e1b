package org.sentio.affect.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.IntConsumer;
import org.sentio.affect.face.FloatImage;

/**
 * Trains a small VGG-style CNN for facial expression on {@link FerPlusFaces} with DJL (PyTorch
 * engine, autodiff, Adam), the raters' vote shares as soft targets (cross-entropy against the vote
 * distribution) and augmentation: mirror image, shift, zoom and rotation (one bilinear {@link
 * FloatImage#rotatedCrop}), contrast and brightness. Three blocks of 3x3 convolution, ReLU and 2x2
 * max pooling (48 → 24 → 12 → 6), global average pooling, one linear layer. Input: the 48x48 grey
 * face as {@code (grey / 255 - 0.5) * 2}, the convention of Sentio's one-channel expression inputs.
 *
 * <p>Deterministic: weights and augmentation come from {@link Random} seeded with {@code seed} and
 * PyTorch runs on one thread ({@link AffectMlpTrainer#configureEngine()}).
 */
public final class FaceCnnTrainer {
  /**
   * @param channels output channels of the three convolution blocks
   * @param epochs passes over the training faces
   * @param batchSize faces per step
   * @param learningRate Adam's step size
   * @param seed seed of the weights, the batch order and the augmentation
   */
  public record Config(int[] channels, int epochs, int batchSize, float learningRate, long seed) {}

  /** Trained weights: per block {@code w} [out, in, 3, 3] and {@code b}; {@code fc} [c3, 7]. */
  public record Weights(
      int[] channels, float[][] conv, float[][] bias, float[] fc, float[] fcBias) {}

  private static final int SIZE = FerPlusFaces.SIZE;
  private static final int CLASSES = FerPlusFaces.CLASSES.size();

  private final Config config;

  public FaceCnnTrainer(Config config) {
    this.config = config;
  }

  /** Trains on the faces not held out; {@code progress} gets each finished epoch. */
  public Weights train(FerPlusFaces data, IntConsumer progress) {
    AffectMlpTrainer.configureEngine();
    Random random = new Random(config.seed());
    int[] train =
        java.util.stream.IntStream.range(0, data.size()).filter(i -> !data.heldOut()[i]).toArray();
    try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
      Map<String, NDArray> params = new LinkedHashMap<>();
      int in = 1;
      for (int l = 0; l < 3; l++) {
        int out = config.channels()[l];
        params.put("w" + l, uniform(manager, random, new Shape(out, in, 3, 3), in * 9));
        params.put("b" + l, manager.zeros(new Shape(out)));
        in = out;
      }
      params.put("fc", uniform(manager, random, new Shape(in, CLASSES), in));
      params.put("fcb", manager.zeros(new Shape(CLASSES)));
      params.values().forEach(p -> p.setRequiresGradient(true));
      Optimizer adam =
          Optimizer.adam().optLearningRateTracker(Tracker.fixed(config.learningRate())).build();
      for (int epoch = 1; epoch <= config.epochs(); epoch++) {
        shuffle(train, random);
        for (int start = 0; start < train.length; start += config.batchSize()) {
          int b = Math.min(config.batchSize(), train.length - start);
          float[] x = new float[b * SIZE * SIZE];
          float[] t = new float[b * CLASSES];
          for (int i = 0; i < b; i++) {
            int face = train[start + i];
            System.arraycopy(augment(data, face, random), 0, x, i * SIZE * SIZE, SIZE * SIZE);
            System.arraycopy(data.targets(), face * CLASSES, t, i * CLASSES, CLASSES);
          }
          try (NDManager scope = manager.newSubManager()) {
            NDArray xs = scope.create(x, new Shape(b, 1, SIZE, SIZE));
            NDArray ts = scope.create(t, new Shape(b, CLASSES));
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
              NDArray logp = logits(params, xs).logSoftmax(1);
              NDArray loss = logp.mul(ts).sum().neg().div(Scalars.of(scope, b));
              collector.backward(loss);
            }
            for (Map.Entry<String, NDArray> p : params.entrySet()) {
              NDArray gradient = p.getValue().getGradient();
              adam.update(p.getKey(), p.getValue(), gradient);
              gradient.close();
            }
          }
        }
        progress.accept(epoch);
      }
      float[][] conv = new float[3][];
      float[][] bias = new float[3][];
      for (int l = 0; l < 3; l++) {
        conv[l] = params.get("w" + l).toFloatArray();
        bias[l] = params.get("b" + l).toFloatArray();
      }
      return new Weights(
          config.channels().clone(),
          conv,
          bias,
          params.get("fc").toFloatArray(),
          params.get("fcb").toFloatArray());
    }
  }

  /** Probabilities of {@code weights} on model inputs {@code x} ([n, 48, 48] values in [-1, 1]). */
  public static float[] predict(Weights weights, float[] x, int n) {
    AffectMlpTrainer.configureEngine();
    try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
      Map<String, NDArray> params = new LinkedHashMap<>();
      int in = 1;
      for (int l = 0; l < 3; l++) {
        int out = weights.channels()[l];
        params.put("w" + l, manager.create(weights.conv()[l], new Shape(out, in, 3, 3)));
        params.put("b" + l, manager.create(weights.bias()[l]));
        in = out;
      }
      params.put("fc", manager.create(weights.fc(), new Shape(in, CLASSES)));
      params.put("fcb", manager.create(weights.fcBias()));
      return logits(params, manager.create(x, new Shape(n, 1, SIZE, SIZE)))
          .softmax(1)
          .toFloatArray();
    }
  }

  /** The model input of an unaugmented face: {@code (grey / 255 - 0.5) * 2}. */
  public static float[] input(FerPlusFaces data, int face) {
    float[] out = new float[SIZE * SIZE];
    for (int i = 0; i < out.length; i++) {
      out[i] = (data.pixels()[face * SIZE * SIZE + i] / 255f - 0.5f) * 2f;
    }
    return out;
  }

  private static NDArray logits(Map<String, NDArray> params, NDArray x) {
    NDArray h = x;
    NDArray zero = Scalars.of(x.getManager(), 0f);
    for (int l = 0; l < 3; l++) {
      h =
          Conv2d.conv2d(
                  h, params.get("w" + l), params.get("b" + l), new Shape(1, 1), new Shape(1, 1))
              .singletonOrThrow()
              .maximum(zero);
      h = Pool.maxPool2d(h, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false);
    }
    Shape shape = h.getShape();
    return h.reshape(new Shape(shape.get(0), shape.get(1), -1))
        .mean(new int[] {2})
        .matMul(params.get("fc"))
        .add(params.get("fcb"));
  }

  /** One augmented copy of a face as model input. */
  private static float[] augment(FerPlusFaces data, int face, Random random) {
    float[] grey = new float[SIZE * SIZE];
    System.arraycopy(data.pixels(), face * SIZE * SIZE, grey, 0, grey.length);
    FloatImage image = new FloatImage(SIZE, SIZE, 1, grey);
    if (random.nextBoolean()) {
      image = image.mirrored();
    }
    double dx = (random.nextDouble() * 2 - 1) * 3;
    double dy = (random.nextDouble() * 2 - 1) * 3;
    double zoom = 0.9 + random.nextDouble() * 0.2;
    double angle = Math.toRadians((random.nextDouble() * 2 - 1) * 10);
    image = image.rotatedCrop(SIZE / 2.0 + dx, SIZE / 2.0 + dy, SIZE * zoom, angle, SIZE);
    float contrast = (float) (0.85 + random.nextDouble() * 0.3);
    float brightness = (float) ((random.nextDouble() * 2 - 1) * 20);
    float[] out = new float[SIZE * SIZE];
    for (int i = 0; i < out.length; i++) {
      float v = (image.data()[i] - 128f) * contrast + 128f + brightness;
      v = Math.max(0f, Math.min(255f, v));
      out[i] = (v / 255f - 0.5f) * 2f;
    }
    return out;
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
