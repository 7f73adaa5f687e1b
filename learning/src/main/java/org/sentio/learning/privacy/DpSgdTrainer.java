package org.sentio.learning.privacy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.Map;
import java.util.Random;
import java.util.function.IntConsumer;
import org.sentio.affect.fusion.MoeTrainer;
import org.sentio.affect.fusion.MoeWeights;
import org.sentio.affect.train.AffectMlpTrainer;

/**
 * DP-SGD (Abadi et al. 2016, Algorithm 1) for the fusion model, through the shared loop of {@link
 * DpSgd}: each step takes a <b>Poisson sample</b> of the windows (each joins with probability q =
 * expected batch / n), computes every sampled window's own gradient by its own backward pass (the
 * window's loss as {@link MoeTrainer#loss} defines it; the contrastive term needs two windows and
 * drops out), clips it to L2 norm C over all parameters together, sums the clipped gradients, adds
 * Gaussian noise of standard deviation σ·C to every coordinate and divides by the expected batch
 * size; Adam then takes the noisy mean (post-processing, no further privacy cost).
 *
 * <p>The {@link RdpAccountant} tracks the RDP of the steps taken, composed with {@code prior} (the
 * ledger's runs over the same people); training stops before the step that would take ε above the
 * budget at δ. The noise and the batch sampling come from {@code SecureRandom} unless {@link
 * Settings#noiseSeed} is set (tests): anyone who knows the seed can remove the noise and tell which
 * windows each step used.
 */
public final class DpSgdTrainer {

  /** DP-SGD's parameters; {@code noiseSeed} null for unpredictable noise. */
  public record Settings(
      double noiseMultiplier,
      double clip,
      double targetEpsilon,
      double delta,
      int expectedBatch,
      int maxEpochs,
      Long noiseSeed) {

    /** The defaults: σ 1.0, C 1.0, ε ≤ 2.0 at δ 1e-5, expected batch 128, at most 10 epochs. */
    public static Settings defaults() {
      return new Settings(1.0, 1.0, 2.0, 1e-5, 128, 10, null);
    }

    /**
     * Refuses settings that give no guarantee or no model for {@code windows} training windows, in
     * one line saying which value and what to use.
     */
    public void check(int windows) {
      if (!(noiseMultiplier > 0) || Double.isInfinite(noiseMultiplier)) {
        throw new IllegalArgumentException(
            "the noise multiplier must be above 0 (practitioners use 0.5-2.0), not "
                + noiseMultiplier);
      }
      if (!(clip > 0) || Double.isInfinite(clip)) {
        throw new IllegalArgumentException(
            "the clipping norm must be above 0 (1.0-5.0 is usual), not " + clip);
      }
      if (!(targetEpsilon > 0) || Double.isInfinite(targetEpsilon)) {
        throw new IllegalArgumentException(
            "the privacy budget epsilon must be above 0 (2.0 or less is strong), not "
                + targetEpsilon);
      }
      if (!(delta > 0 && delta <= 1.0 / windows)) {
        throw new IllegalArgumentException(
            "delta must lie in (0, 1/n] = (0, "
                + (1.0 / windows)
                + "] for "
                + windows
                + " training windows, not "
                + delta);
      }
      if (expectedBatch < 1 || expectedBatch > windows) {
        throw new IllegalArgumentException(
            "the expected batch must lie in 1.." + windows + ", not " + expectedBatch);
      }
      if (maxEpochs < 1) {
        throw new IllegalArgumentException("at least one epoch, not " + maxEpochs);
      }
    }

    /** The Poisson sampling rate for {@code windows} training windows. */
    public double samplingRate(int windows) {
      return expectedBatch / (double) windows;
    }
  }

  /**
   * A finished run: the weights; the steps taken at sampling rate q; this run's accountant alone
   * (what the ledger stores); ε spent by this run alone and composed with the prior runs; and
   * whether the budget, not the epochs, ended it.
   */
  public record Result(
      MoeWeights weights,
      long steps,
      double samplingRate,
      RdpAccountant run,
      RdpAccountant.Spent spent,
      RdpAccountant.Spent composed,
      boolean stoppedByBudget) {}

  /** The budget cannot pay for a single step. */
  public static final class BudgetSpentException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    BudgetSpentException(String message) {
      super(message);
    }
  }

  private final MoeTrainer trainer;
  private final Settings settings;

  public DpSgdTrainer(MoeTrainer trainer, Settings settings) {
    this.trainer = trainer;
    this.settings = settings;
  }

  /**
   * Trains from {@code start} on {@code data} within the budget left after {@code prior}.
   *
   * @throws BudgetSpentException when not even one step fits in the budget
   */
  public Result train(
      MoeTrainer.Windows data, MoeWeights start, RdpAccountant prior, IntConsumer stepProgress) {
    settings.check(data.size());
    AffectMlpTrainer.configureEngine();
    Random augmentation = new Random(trainer.config().seed() + 1);
    try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
      Map<String, NDArray> p = MoeTrainer.trainable(manager, start);
      Optimizer adam =
          Optimizer.adam()
              .optLearningRateTracker(Tracker.fixed(trainer.config().learningRate()))
              .optWeightDecays(trainer.config().weightDecay())
              .build();
      DpSgd.Run run =
          DpSgd.train(
              manager,
              p,
              adam,
              data.size(),
              windowLoss(data, augmentation),
              settings,
              prior,
              stepProgress);
      return new Result(
          MoeTrainer.weightsOf(p, start),
          run.steps(),
          run.samplingRate(),
          run.run(),
          run.spent(),
          run.composed(),
          run.stoppedByBudget());
    }
  }

  /** A window's loss as {@link MoeTrainer#loss} defines it for a batch of one. */
  private DpSgd.ExampleLoss windowLoss(MoeTrainer.Windows data, Random augmentation) {
    return (scope, p, row) -> trainer.loss(scope, p, data, new int[] {row}, augmentation);
  }

  /** One window's gradient by its own backward pass (see {@link DpSgd}). */
  Map<String, float[]> exampleGradient(
      NDManager manager, Map<String, NDArray> p, MoeTrainer.Windows data, int row, Random random) {
    return DpSgd.exampleGradient(manager, p, windowLoss(data, random), row);
  }
}
