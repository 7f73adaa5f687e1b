package org.sentio.learning.privacy;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.sentio.affect.fusion.FusionTraining;
import org.sentio.affect.fusion.MoeTrainer;
import org.sentio.affect.fusion.MoeWeights;

/**
 * Fits the fusion model with {@link DpSgdTrainer} inside {@code sentio train fusion}, and states
 * the guarantee it gave in the model's manifest ({@code privacy}) and card.
 */
public final class DpFusionFitter implements FusionTraining.Fitter {
  private final MoeTrainer trainer;
  private final DpSgdTrainer.Settings settings;
  private final RdpAccountant prior;
  private final Consumer<String> log;
  private final MoeWeights start;
  private final String startSha256;
  private DpSgdTrainer.Result result;
  private int windows;

  /**
   * @param prior what earlier runs on the same sessions spent (an empty accountant for none)
   */
  public DpFusionFitter(
      MoeTrainer.Config config,
      DpSgdTrainer.Settings settings,
      RdpAccountant prior,
      Consumer<String> log) {
    this(config, settings, prior, null, null, log);
  }

  /**
   * A fitter that starts from {@code start} (a federated round's base model, sha256 {@code
   * startSha256}) instead of random weights.
   */
  public DpFusionFitter(
      MoeTrainer.Config config,
      DpSgdTrainer.Settings settings,
      RdpAccountant prior,
      MoeWeights start,
      String startSha256,
      Consumer<String> log) {
    this.trainer = new MoeTrainer(config);
    this.settings = settings;
    this.prior = prior;
    this.start = start;
    this.startSha256 = startSha256;
    this.log = log;
  }

  @Override
  public MoeWeights fit(MoeTrainer.Windows train, IntConsumer epochs) {
    settings.check(train.size());
    windows = train.size();
    double q = settings.samplingRate(train.size());
    long maxSteps = Math.max(1, Math.round(settings.maxEpochs() / q));
    log.accept(
        String.format(
            Locale.ROOT,
            "DP-SGD: %d windows, Poisson sampling rate %.4f (expected batch %d), noise"
                + " multiplier %s, clipping norm %s, budget epsilon %s at delta %s, at most %d"
                + " steps",
            train.size(),
            q,
            settings.expectedBatch(),
            settings.noiseMultiplier(),
            settings.clip(),
            settings.targetEpsilon(),
            settings.delta(),
            maxSteps));
    result =
        new DpSgdTrainer(trainer, settings)
            .train(
                train,
                start != null ? start : trainer.initialWeights(),
                prior,
                step -> {
                  if (step % 50 == 0) {
                    log.accept("DP-SGD step " + step + "/" + maxSteps);
                  }
                });
    log.accept(
        String.format(
            Locale.ROOT,
            "DP-SGD: %d steps, epsilon %.4f at delta %s (composed with earlier runs %.4f)%s",
            result.steps(),
            result.spent().epsilon(),
            settings.delta(),
            result.composed().epsilon(),
            result.stoppedByBudget() ? "; stopped before the budget was spent" : ""));
    return result.weights();
  }

  /** The finished run (after {@link #fit}). */
  public DpSgdTrainer.Result result() {
    if (result == null) {
      throw new IllegalStateException("not fitted yet");
    }
    return result;
  }

  public DpSgdTrainer.Settings settings() {
    return settings;
  }

  @Override
  public Map<String, Object> privacy() {
    DpSgdTrainer.Result r = result();
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("mechanism", "DP-SGD (Abadi et al. 2016): per-window clipping, Gaussian noise");
    p.put("epsilon", r.spent().epsilon());
    p.put("delta", settings.delta());
    p.put("order", r.spent().order());
    p.put("composedEpsilon", r.composed().epsilon());
    p.put("budgetEpsilon", settings.targetEpsilon());
    p.put("noiseMultiplier", settings.noiseMultiplier());
    p.put("clip", settings.clip());
    p.put("sampling", "Poisson");
    p.put("samplingRate", r.samplingRate());
    p.put("expectedBatch", settings.expectedBatch());
    p.put("steps", r.steps());
    p.put("windows", windows);
    if (startSha256 != null) {
      p.put("startedFrom", startSha256);
    }
    p.put("stoppedByBudget", r.stoppedByBudget());
    p.put(
        "accountant",
        "Renyi DP of the subsampled Gaussian (Mironov, Talwar & Zhang 2019), orders 1.1-63,"
            + " conversion of Balle et al. 2020");
    p.put("noise", settings.noiseSeed() == null ? "SecureRandom" : "seeded (not private)");
    return p;
  }

  @Override
  public String privacyCard() {
    DpSgdTrainer.Result r = result();
    return String.format(
        Locale.ROOT,
        "\n**Differential privacy.** Trained with DP-SGD (Abadi et al. 2016): Poisson sampling at"
            + " rate %.4f\n(expected batch %d), each window's gradient clipped to L2 norm %s,"
            + " Gaussian noise of standard\ndeviation %s × %s added to the sum, %d steps%s. The"
            + " Rényi accountant (Mironov, Talwar & Zhang\n2019; conversion of Balle et al. 2020)"
            + " gives **ε = %.3f at δ = %s** for any one training window\n(%.3f composed with"
            + " earlier DP runs on the same sessions; budget %s). The guarantee covers the\n"
            + "training windows only: not the shared pretrained models whose outputs are its"
            + " inputs.\n",
        r.samplingRate(),
        settings.expectedBatch(),
        settings.clip(),
        settings.noiseMultiplier(),
        settings.clip(),
        r.steps(),
        r.stoppedByBudget() ? " (stopped before the step that would exceed the budget)" : "",
        r.spent().epsilon(),
        settings.delta(),
        r.composed().epsilon(),
        settings.targetEpsilon());
  }
}
