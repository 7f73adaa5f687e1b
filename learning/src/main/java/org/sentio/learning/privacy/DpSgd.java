package org.sentio.learning.privacy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.IntConsumer;

/**
 * The DP-SGD loop (Abadi et al. 2016, Algorithm 1) for any model whose parameters are named
 * NDArrays: each step takes a <b>Poisson sample</b> of the n examples (each joins with probability
 * q = expected batch / n), computes every sampled example's own gradient by its own backward pass,
 * clips it to L2 norm C over all parameters together, sums the clipped gradients, adds Gaussian
 * noise of standard deviation σ·C to every coordinate, divides by the expected batch size and lets
 * the optimiser take that noisy mean (post-processing, no further privacy cost).
 *
 * <p>The {@link RdpAccountant} tracks the RDP of the steps taken, composed with {@code prior} (the
 * ledger's runs over the same people); the loop stops before the step that would take ε above the
 * budget at δ. The fusion model ({@link DpSgdTrainer}) and the text embedding head ({@link
 * DpTextHeadTrainer}) both train through here, so the guarantee has one implementation.
 */
public final class DpSgd {

  /** One example's loss under the parameters {@code p}, built in {@code scope}. */
  @FunctionalInterface
  public interface ExampleLoss {
    NDArray loss(NDManager scope, Map<String, NDArray> p, int example);
  }

  /**
   * A finished run: the steps taken at sampling rate q; this run's accountant alone (what the
   * ledger stores); ε spent by this run alone and composed with the prior runs; and whether the
   * budget, not the step limit, ended it.
   */
  public record Run(
      long steps,
      double samplingRate,
      RdpAccountant run,
      RdpAccountant.Spent spent,
      RdpAccountant.Spent composed,
      boolean stoppedByBudget) {}

  private DpSgd() {}

  /**
   * Trains {@code p} in place on {@code n} examples within the budget left after {@code prior}, for
   * at most {@code settings.maxEpochs() / q} steps.
   *
   * @throws DpSgdTrainer.BudgetSpentException when not even one step fits in the budget
   */
  public static Run train(
      NDManager manager,
      Map<String, NDArray> p,
      Optimizer optimizer,
      int n,
      ExampleLoss loss,
      DpSgdTrainer.Settings settings,
      RdpAccountant prior,
      IntConsumer stepProgress) {
    settings.check(n);
    double q = settings.samplingRate(n);
    double sigma = settings.noiseMultiplier();
    RdpAccountant oneStep = new RdpAccountant(prior.orders()).plusSteps(q, sigma, 1);
    double firstStep = prior.plus(oneStep).spent(settings.delta()).epsilon();
    if (firstStep > settings.targetEpsilon()) {
      throw new DpSgdTrainer.BudgetSpentException(
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
    long maxSteps = maxSteps(settings, n);
    // Which examples a step samples must stay as secret as the noise: amplification by sampling
    // assumes nobody can tell whether an example took part.
    Random sampling =
        settings.noiseSeed() == null ? new SecureRandom() : new Random(settings.noiseSeed() + 1);
    Random noise =
        settings.noiseSeed() == null ? new SecureRandom() : new Random(settings.noiseSeed());
    RdpAccountant run = new RdpAccountant(prior.orders());
    long steps = 0;
    boolean budget = false;
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
      Map<String, float[]> sum = clippedSum(manager, p, loss, batch, settings.clip());
      double scale = 1.0 / (q * n);
      try (NDManager scope = manager.newSubManager()) {
        for (Map.Entry<String, NDArray> e : p.entrySet()) {
          float[] g = sum.get(e.getKey());
          for (int i = 0; i < g.length; i++) {
            g[i] = (float) ((g[i] + sigma * settings.clip() * noise.nextGaussian()) * scale);
          }
          NDArray gradient = scope.create(g, e.getValue().getShape());
          optimizer.update(e.getKey(), e.getValue(), gradient);
        }
      }
      run = next;
      steps++;
      stepProgress.accept((int) steps);
    }
    return new Run(
        steps,
        q,
        run,
        run.spent(settings.delta()),
        prior.plus(run).spent(settings.delta()),
        budget);
  }

  /** The step limit: {@code maxEpochs} passes over the n examples in expectation, at least 1. */
  public static long maxSteps(DpSgdTrainer.Settings settings, int n) {
    return Math.max(1, Math.round(settings.maxEpochs() / settings.samplingRate(n)));
  }

  /** The sum over {@code batch} of each example's gradient clipped to L2 norm {@code clip}. */
  private static Map<String, float[]> clippedSum(
      NDManager manager,
      Map<String, NDArray> p,
      ExampleLoss loss,
      List<Integer> batch,
      double clip) {
    Map<String, float[]> sum = new LinkedHashMap<>();
    for (Map.Entry<String, NDArray> e : p.entrySet()) {
      sum.put(e.getKey(), new float[(int) e.getValue().size()]);
    }
    for (int row : batch) {
      Map<String, float[]> g = exampleGradient(manager, p, loss, row);
      double norm = 0;
      for (float[] values : g.values()) {
        for (float v : values) {
          norm += (double) v * v;
        }
      }
      double factor = Math.min(1, clip / (Math.sqrt(norm) + 1e-12));
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
   * One example's gradient by its own backward pass; the parameters' gradients are zeroed after
   * reading (PyTorch accumulates them, and only the optimiser's update clears them).
   */
  static Map<String, float[]> exampleGradient(
      NDManager manager, Map<String, NDArray> p, ExampleLoss loss, int example) {
    Map<String, float[]> g = new LinkedHashMap<>();
    try (NDManager scope = manager.newSubManager()) {
      try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
        collector.backward(loss.loss(scope, p, example));
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
