package org.sentio.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sentio.learning.privacy.RdpAccountant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sentio privacy epsilon}: the RDP accountant as a command. */
@Command(
    name = "privacy",
    mixinStandardHelpOptions = true,
    description = "Differential privacy figures of DP-SGD training.",
    subcommands = {PrivacyCommand.Epsilon.class, PrivacyCommand.Ledger.class})
public final class PrivacyCommand implements Callable<Integer> {
  @Override
  public Integer call() throws UserError {
    throw new UserError("privacy: say epsilon or ledger (see sentio privacy --help)");
  }

  /** {@code sentio privacy epsilon}. */
  @Command(
      name = "epsilon",
      mixinStandardHelpOptions = true,
      description =
          "The epsilon that DP-SGD spends (Renyi DP of the Poisson-subsampled Gaussian mechanism,"
              + " converted with Balle et al. 2020 as in Opacus), or with --target-epsilon the"
              + " smallest noise multiplier that stays within a budget.")
  static final class Epsilon implements Callable<Integer> {
    @Option(
        names = "--sampling-rate",
        required = true,
        paramLabel = "Q",
        description = "Probability that a window joins a batch (batch size / windows), in (0, 1].")
    double samplingRate;

    @Option(
        names = "--noise-multiplier",
        paramLabel = "S",
        description = "Noise standard deviation over the clipping norm (sigma), above 0.")
    Double noiseMultiplier;

    @Option(
        names = "--target-epsilon",
        paramLabel = "E",
        description = "Instead of --noise-multiplier: print the smallest sigma within E.")
    Double targetEpsilon;

    @Option(names = "--steps", required = true, paramLabel = "T", description = "Training steps.")
    long steps;

    @Option(
        names = "--delta",
        required = true,
        paramLabel = "D",
        description = "delta, in (0, 1); at most 1/n for n training windows.")
    double delta;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      if ((noiseMultiplier == null) == (targetEpsilon == null)) {
        throw new UserError(
            "privacy epsilon: give either --noise-multiplier S or --target-epsilon E");
      }
      if (!(samplingRate > 0 && samplingRate <= 1)) {
        throw new UserError(
            "privacy epsilon: --sampling-rate must lie in (0, 1] (batch size / windows), not "
                + samplingRate);
      }
      if (noiseMultiplier != null && !(noiseMultiplier > 0)) {
        throw new UserError(
            "privacy epsilon: --noise-multiplier must be above 0 (0 adds no noise: no privacy),"
                + " not "
                + noiseMultiplier);
      }
      if (targetEpsilon != null && !(targetEpsilon > 0)) {
        throw new UserError(
            "privacy epsilon: --target-epsilon must be above 0, not " + targetEpsilon);
      }
      if (steps < 1) {
        throw new UserError("privacy epsilon: --steps must be at least 1, not " + steps);
      }
      if (!(delta > 0 && delta < 1)) {
        throw new UserError(
            "privacy epsilon: --delta must lie in (0, 1) (typically at most 1/n), not " + delta);
      }
      Map<String, Object> result = new LinkedHashMap<>();
      double sigma;
      if (targetEpsilon != null) {
        try {
          sigma = RdpAccountant.noiseFor(samplingRate, steps, targetEpsilon, delta, 1e-4);
        } catch (IllegalArgumentException e) {
          throw new UserError("privacy epsilon: " + e.getMessage(), e);
        }
        result.put("noise_multiplier", sigma);
      } else {
        sigma = noiseMultiplier;
      }
      RdpAccountant.Spent spent =
          new RdpAccountant().plusSteps(samplingRate, sigma, steps).spent(delta);
      result.put("epsilon", spent.epsilon());
      result.put("delta", spent.delta());
      result.put("order", spent.order());
      if (json) {
        System.out.println(new ObjectMapper().writeValueAsString(result));
      } else if (targetEpsilon != null) {
        System.out.printf(
            Locale.ROOT,
            "noise multiplier %.4f: epsilon %.4f at delta %s (order %s) within %s%n",
            sigma,
            spent.epsilon(),
            spent.delta(),
            spent.order(),
            targetEpsilon);
      } else {
        System.out.printf(
            Locale.ROOT,
            "epsilon %.4f at delta %s (Renyi order %s)%n",
            spent.epsilon(),
            spent.delta(),
            spent.order());
      }
      return 0;
    }
  }

  /** {@code sentio privacy ledger}: the store's DP training runs. */
  @Command(
      name = "ledger",
      mixinStandardHelpOptions = true,
      description =
          "Every differentially private training run on this store's sessions: sessions, windows,"
              + " parameters and epsilon, and the epsilon composed per session.")
  static final class Ledger implements Callable<Integer> {
    @Option(
        names = "--data-dir",
        paramLabel = "DIR",
        description = "Folder of the session store (default: $SENTIO_DATA_DIR or the user's).")
    java.nio.file.Path dataDir;

    @Override
    public Integer call() throws Exception {
      java.nio.file.Path folder = org.sentio.app.DataDirectory.resolve(dataDir);
      try (org.sentio.app.store.SessionStore store =
              org.sentio.app.store.SessionStore.open(folder);
          org.sentio.app.store.PrivacyLedgerRepository ledger =
              org.sentio.app.store.PrivacyLedgerRepository.open(store)) {
        var runs = ledger.runs();
        if (runs.isEmpty()) {
          System.out.println("no DP training runs in " + store.databaseFile());
          return 0;
        }
        java.util.Map<Long, RdpAccountant> perSession = new java.util.TreeMap<>();
        double delta = 1;
        for (var run : runs) {
          System.out.printf(
              Locale.ROOT,
              "run %d  %s  %d windows from %d sessions  q %.4f sigma %s clip %s steps %d"
                  + "  epsilon %.4f at delta %s  -> %s%n",
              run.id(),
              run.createdAt(),
              run.windows(),
              run.sessionWindows().size(),
              run.samplingRate(),
              run.noiseMultiplier(),
              run.clip(),
              run.steps(),
              run.epsilon(),
              run.delta(),
              run.model());
          delta = Math.min(delta, run.delta());
          for (long session : run.sessionWindows().keySet()) {
            perSession.merge(session, run.rdp(), RdpAccountant::plus);
          }
        }
        for (var e : perSession.entrySet()) {
          System.out.printf(
              Locale.ROOT,
              "session %d: composed epsilon %.4f at delta %s%n",
              e.getKey(),
              e.getValue().spent(delta).epsilon(),
              delta);
        }
      }
      return 0;
    }
  }
}
