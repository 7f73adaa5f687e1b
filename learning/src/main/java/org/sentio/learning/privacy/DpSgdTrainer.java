package org.sentio.learning.privacy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.IntConsumer;
import org.sentio.affect.fusion.MoeTrainer;
import org.sentio.affect.fusion.MoeWeights;
import org.sentio.affect.train.AffectMlpTrainer;

/**
 * DP-SGD (Abadi et al. 2016, Algorithm 1) for the fusion model: each step takes a <b>Poisson
 * sample</b> of the windows (each joins with probability q = expected batch / n), computes every
 * sampled window's own gradient by its own backward pass (the window's loss as {@link
 * MoeTrainer#loss} defines it; the contrastive term needs two windows and drops out), clips it to
 * L2 norm C over all parameters together, sums the clipped gradients, adds Gaussian noise of
 * standard deviation σ·C to every coordinate and divides by the expected batch size; Adam then
 * takes the noisy mean (post-processing, no further privacy cost).
 *
 * <p>The {@link RdpAccountant} tracks the RDP of the steps taken, composed with {@code prior} (the
 * ledger's runs over the same people); training stops before the step that would take ε above the
 * budget at δ. The noise and the batch sampling come from {@link SecureRandom} unless {@link
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
    int n = data.size();
    settings.check(n);
    double q = settings.samplingRate(n);
    double sigma = settings.noiseMultiplier();
    RdpAccountant oneStep = new RdpAccountant(prior.orders()).plusSteps(q, sigma, 1);
    double firstStep = prior.plus(oneStep).spent(settings.delta()).epsilon();
    if (firstStep > settings.targetEpsilon()) {
      throw new BudgetSpentException(
          prior.isEmpty()
              ? String.format(
                  Locale.ROOT,
                  "privacy budget too small: one step at noise multiplier %s and sampling rate"
                      + " %.4f already spends epsilon %.3f > %s (delta %s); raise --noise or"
                      + " --epsilon",
                  sigma,
                  q,
                  firstStep,
                  settings.targetEpsilon(),
                  settings.delta())
              : String.format(
                  Locale.ROOT,
                  "privacy budget already spent: earlier DP runs on these sessions spent epsilon"
                      + " %.3f of the budget %s (delta %s), and one more step would exceed it;"
                      + " train on other sessions, or raise --epsilon knowingly",
                  prior.spent(settings.delta()).epsilon(),
                  settings.targetEpsilon(),
                  settings.delta()));
    }
    long maxSteps = Math.max(1, Math.round(settings.maxEpochs() / q));
    AffectMlpTrainer.configureEngine();
    // Which windows a step samples must stay as secret as the noise: amplification by sampling
    // assumes nobody can tell whether a window took part.
    Random sampling =
        settings.noiseSeed() == null ? new SecureRandom() : new Random(settings.noiseSeed() + 1);
    Random augmentation = new Random(trainer.config().seed() + 1);
    Random noise =
        settings.noiseSeed() == null ? new SecureRandom() : new Random(settings.noiseSeed());
    RdpAccountant run = new RdpAccountant(prior.orders());
    long steps = 0;
    boolean budget = false;
    try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
      Map<String, NDArray> p = MoeTrainer.trainable(manager, start);
      Optimizer adam =
          Optimizer.adam()
              .optLearningRateTracker(Tracker.fixed(trainer.config().learningRate()))
              .optWeightDecays(trainer.config().weightDecay())
              .build();
      while (steps < maxSteps) {
        RdpAccountant next = run.plus(oneStep);
        if (prior.plus(next).spent(settings.delta()).epsilon() > settings.targetEpsilon()) {
          budget = true;
          break;
        }
        List<Integer> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          if (sampling.nextDouble() < q) {
            batch.add(i);
          }
        }
        Map<String, float[]> sum = clippedSum(manager, p, data, batch, augmentation);
        double scale = 1.0 / (q * n);
        try (NDManager scope = manager.newSubManager()) {
          for (Map.Entry<String, NDArray> e : p.entrySet()) {
            float[] g = sum.get(e.getKey());
            for (int i = 0; i < g.length; i++) {
              g[i] = (float) ((g[i] + sigma * settings.clip() * noise.nextGaussian()) * scale);
            }
            NDArray gradient = scope.create(g, e.getValue().getShape());
            adam.update(e.getKey(), e.getValue(), gradient);
          }
        }
        run = next;
        steps++;
        stepProgress.accept((int) steps);
      }
      return new Result(
          MoeTrainer.weightsOf(p, start),
          steps,
          q,
          run,
          run.spent(settings.delta()),
          prior.plus(run).spent(settings.delta()),
          budget);
    }
  }

  /** The sum over {@code batch} of each window's gradient clipped to L2 norm C. */
  private Map<String, float[]> clippedSum(
      NDManager manager,
      Map<String, NDArray> p,
      MoeTrainer.Windows data,
      List<Integer> batch,
      Random augmentation) {
    Map<String, float[]> sum = new LinkedHashMap<>();
    for (Map.Entry<String, NDArray> e : p.entrySet()) {
      sum.put(e.getKey(), new float[(int) e.getValue().size()]);
    }
    for (int row : batch) {
      Map<String, float[]> g = exampleGradient(manager, p, data, row, augmentation);
      double norm = 0;
      for (float[] values : g.values()) {
        for (float v : values) {
          norm += (double) v * v;
        }
      }
      double factor = Math.min(1, settings.clip() / (Math.sqrt(norm) + 1e-12));
      for (Map.Entry<String, float[]> e : g.entrySet()) {
        float[] total = sum.get(e.getKey());
        float[] values = e.getValue();
        for (int i = 0; i < values.length; i++) {
          total[i] += (float) (values[i] * factor);
        }
      }
    }
    return sum;
  }

  /**
   * One window's gradient by its own backward pass; the parameters' gradients are zeroed after
   * reading (PyTorch accumulates them, and only the optimiser's update clears them).
   */
  Map<String, float[]> exampleGradient(
      NDManager manager, Map<String, NDArray> p, MoeTrainer.Windows data, int row, Random random) {
    Map<String, float[]> g = new LinkedHashMap<>();
    try (NDManager scope = manager.newSubManager()) {
      try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
        collector.backward(trainer.loss(scope, p, data, new int[] {row}, random));
      }
      for (Map.Entry<String, NDArray> e : p.entrySet()) {
        try (NDArray gradient = e.getValue().getGradient()) {
          g.put(e.getKey(), gradient.toFloatArray());
          gradient.subi(gradient);
        }
      }
    }
    return g;
  }
}
