package org.sentio.learning.privacy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntConsumer;
import org.sentio.affect.Emotion;
import org.sentio.affect.train.AffectMlp;
import org.sentio.affect.train.AffectMlpTrainer;

/**
 * DP-SGD fine-tuning of the sentence-embedding head of an encoder text model (a linear softmax and
 * a tanh valence unit over the encoder's weighted embedding), through the same loop as the fusion
 * model ({@link DpSgd}): one example is one annotated utterance, so the guarantee is per utterance.
 * It starts from the shipped head (trained on public corpora, no privacy cost) rather than from
 * zero: a few hundred noisy steps then adjust a working model instead of building one.
 */
public final class DpTextHeadTrainer {
  /** Adam's step size: small, since the start is already a trained head. */
  public static final float LEARNING_RATE = 1e-3f;

  /** Weight of the valence squared error beside the cross-entropy (as the shipped head's). */
  public static final float VALENCE_WEIGHT = 0.5f;

  /** The head's examples: feature rows (the embedding part only), labels and valence targets. */
  public record Examples(float[][] features, int[] labels, float[] valence) {
    public Examples {
      if (features.length != labels.length || labels.length != valence.length) {
        throw new IllegalArgumentException("features, labels and valence differ in length");
      }
    }

    public int size() {
      return labels.length;
    }
  }

  /** The DP-trained head and the run that made it. */
  public record Result(AffectMlp head, DpSgd.Run run) {}

  private final DpSgdTrainer.Settings settings;

  public DpTextHeadTrainer(DpSgdTrainer.Settings settings) {
    this.settings = settings;
  }

  /**
   * Trains from {@code start} (a linear head without standardisation or arousal) within the budget
   * left after {@code prior}.
   *
   * @throws DpSgdTrainer.BudgetSpentException when not even one step fits in the budget
   */
  public Result train(
      Examples data, AffectMlp start, RdpAccountant prior, IntConsumer stepProgress) {
    if (start.hiddenSize() != 0 || start.standardises() || start.hasArousal()) {
      throw new IllegalArgumentException(
          "the text head must be linear, without standardisation or arousal");
    }
    int d = start.inputSize();
    for (float[] row : data.features()) {
      if (row.length != d) {
        throw new IllegalArgumentException(
            "a feature row has " + row.length + " values; the head reads " + d);
      }
    }
    settings.check(data.size());
    AffectMlpTrainer.configureEngine();
    try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
      Map<String, NDArray> p = new LinkedHashMap<>();
      p.put("wc", manager.create(start.wc(), new Shape(d, Emotion.COUNT)));
      p.put("bc", manager.create(start.bc(), new Shape(Emotion.COUNT)));
      p.put("wv", manager.create(start.wv(), new Shape(d, 1)));
      p.put("bv", manager.create(start.bv(), new Shape(1)));
      for (NDArray a : p.values()) {
        a.setRequiresGradient(true);
      }
      Optimizer adam =
          Optimizer.adam().optLearningRateTracker(Tracker.fixed(LEARNING_RATE)).build();
      DpSgd.Run run =
          DpSgd.train(
              manager,
              p,
              adam,
              data.size(),
              (scope, q, i) -> loss(scope, q, data, i),
              settings,
              prior,
              stepProgress);
      AffectMlp head =
          new AffectMlp(
              d,
              0,
              null,
              null,
              null,
              null,
              p.get("wc").toFloatArray(),
              p.get("bc").toFloatArray(),
              p.get("wv").toFloatArray(),
              p.get("bv").toFloatArray(),
              null,
              null);
      return new Result(head, run);
    }
  }

  /** Cross-entropy of the emotion plus the weighted squared valence error, for one utterance. */
  private static NDArray loss(NDManager scope, Map<String, NDArray> p, Examples data, int i) {
    NDArray x = scope.create(data.features()[i], new Shape(1, data.features()[i].length));
    NDArray logits = x.matMul(p.get("wc")).add(p.get("bc"));
    NDArray crossEntropy = logits.logSoftmax(1).get(new NDIndex(0, data.labels()[i])).neg();
    NDArray valence = x.matMul(p.get("wv")).add(p.get("bv")).tanh().reshape(1);
    NDArray error = valence.sub(data.valence()[i]);
    return crossEntropy.add(error.mul(error).mul(VALENCE_WEIGHT).reshape(new Shape()));
  }
}
