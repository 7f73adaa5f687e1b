package org.sentio.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.sentio.affect.fusion.MoeTrainer;
import org.sentio.affect.train.ModelFolder;
import org.sentio.app.DataDirectory;
import org.sentio.app.store.PrivacyLedgerRepository;
import org.sentio.app.store.SessionStore;
import org.sentio.app.store.StoreException;
import org.sentio.learning.privacy.DpFusionFitter;
import org.sentio.learning.privacy.DpSgdTrainer;
import org.sentio.learning.privacy.RdpAccountant;
import picocli.CommandLine.Option;

/**
 * {@code --dp} and its parameters for {@code sentio train fusion}: DP-SGD through the learning
 * library, the budget checked against the store's privacy ledger before anything is read, and the
 * run recorded in the ledger after the candidate model is written.
 */
final class PrivateTraining {
  private static final DpSgdTrainer.Settings DEFAULTS = DpSgdTrainer.Settings.defaults();

  private DpFusionFitter lastFitter;

  @Option(
      names = "--dp",
      description =
          "Train with differential privacy (DP-SGD); writes a candidate model (default: the"
              + " candidates folder of the data folder) to compare and adopt with sentio models.")
  boolean dp;

  @Option(
      names = "--epsilon",
      paramLabel = "E",
      defaultValue = "2.0",
      description =
          "With --dp: privacy budget per session, composed over every DP run on it (default 2.0).")
  double epsilon;

  @Option(
      names = "--delta",
      paramLabel = "D",
      defaultValue = "1e-5",
      description = "With --dp: delta, at most 1/n for n training windows (default 1e-5).")
  double delta;

  @Option(
      names = "--clip",
      paramLabel = "C",
      defaultValue = "1.0",
      description = "With --dp: per-window gradient clipping norm (default 1.0).")
  double clip;

  @Option(
      names = {"--noise", "--noise-multiplier"},
      paramLabel = "S",
      defaultValue = "1.0",
      description = "With --dp: noise multiplier sigma (default 1.0).")
  double noise;

  @Option(
      names = "--batch",
      paramLabel = "B",
      defaultValue = "64",
      description = "With --dp: expected Poisson batch size (default 64).")
  int batch;

  @Option(
      names = "--start",
      paramLabel = "DIR",
      description =
          "With --dp: start from this fusion model folder (a federated round's base) instead of"
              + " random weights; sentio federate export then sends the difference.")
  Path start;

  private org.sentio.learning.federated.FusionModelFolder startModel;

  /** The CLI's config, with the dimensions of the --start model when one is given. */
  MoeTrainer.Config configFor(MoeTrainer.Config c) throws UserError {
    if (start == null) {
      return c;
    }
    if (!dp) {
      throw new UserError("train fusion: --start needs --dp");
    }
    try {
      startModel = org.sentio.learning.federated.FusionModelFolder.read(start);
    } catch (IllegalArgumentException e) {
      throw new UserError("train fusion --start: " + e.getMessage(), e);
    }
    var w = startModel.weights();
    return new MoeTrainer.Config(
        w.latent(),
        w.experts(),
        w.topK(),
        w.inter(),
        c.epochs(),
        c.batchSize(),
        c.learningRate(),
        c.weightDecay(),
        c.regressionWeight(),
        c.balanceWeight(),
        c.alignWeight(),
        c.temperature(),
        c.modalityDropout(),
        c.inputNoise(),
        c.seed());
  }

  /** The DP fitter, after refusing parameters and a budget the ledger says is spent. */
  DpFusionFitter fitter(MoeTrainer.Config config, Path dataDir, Map<Long, Integer> sessionWindows)
      throws UserError {
    DpSgdTrainer.Settings settings = settings("train fusion", config.epochs());
    RdpAccountant prior = prior("train fusion", dataDir, sessionWindows);
    lastFitter =
        new DpFusionFitter(
            config,
            settings,
            prior,
            startModel == null ? null : startModel.weights(),
            startModel == null ? null : startModel.sha256(),
            System.err::println);
    return lastFitter;
  }

  /**
   * The DP-SGD settings of the options, at most {@code maxEpochs} passes, refused in one line
   * naming {@code command} when they give no guarantee.
   */
  DpSgdTrainer.Settings settings(String command, int maxEpochs) throws UserError {
    DpSgdTrainer.Settings settings =
        new DpSgdTrainer.Settings(noise, clip, epsilon, delta, batch, maxEpochs, null);
    if (!(delta > 0 && delta < 1)) {
      throw new UserError(
          command
              + " --dp: delta must lie in (0, 1/n] for n training windows (1e-5 is usual), not "
              + delta);
    }
    try {
      // The training examples are counted later; 1/delta examples is the most delta allows.
      settings.check((int) Math.min(Integer.MAX_VALUE, Math.max(batch, Math.floor(1 / delta))));
    } catch (IllegalArgumentException e) {
      throw new UserError(command + " --dp: " + e.getMessage(), e);
    }
    return settings;
  }

  /**
   * What earlier DP runs on the sessions of {@code sessionExamples} spent, as the ledger composes
   * it; refused when that already reaches the budget.
   */
  RdpAccountant prior(String command, Path dataDir, Map<Long, Integer> sessionExamples)
      throws UserError {
    RdpAccountant prior = new RdpAccountant();
    if (sessionExamples.isEmpty()) {
      return prior;
    }
    try (SessionStore store = SessionStore.open(DataDirectory.resolve(dataDir));
        PrivacyLedgerRepository ledger = PrivacyLedgerRepository.open(store)) {
      prior = ledger.priorFor(sessionExamples.keySet(), delta);
    } catch (StoreException e) {
      throw new UserError(command + " --dp: " + e.getMessage(), e);
    }
    if (!prior.isEmpty() && prior.spent(delta).epsilon() >= epsilon) {
      throw new UserError(
          String.format(
              Locale.ROOT,
              "%s --dp: privacy budget already spent: earlier DP runs on these"
                  + " sessions spent epsilon %.3f of the budget %s (delta %s); train on other"
                  + " sessions, or raise --epsilon knowingly (sentio privacy ledger lists the"
                  + " runs)",
              command,
              prior.spent(delta).epsilon(),
              epsilon,
              delta));
    }
    return prior;
  }

  /**
   * Records a finished DP fusion run over {@code sessionWindows} in the store's ledger: the model
   * written in {@code writtenFolder}, under the name of the folder it is published as.
   */
  void record(Path dataDir, Path writtenFolder, Path modelFolder, Map<Long, Integer> sessionWindows)
      throws Exception {

    if (sessionWindows.isEmpty()) {
      System.err.println(
          "privacy ledger: no stored session was read (shared data only); nothing recorded");
      return;
    }
    DpSgdTrainer.Result result = lastFitter.result();
    record(
        dataDir,
        writtenFolder,
        modelFolder,
        sessionWindows,
        result.samplingRate(),
        result.steps(),
        result.spent().epsilon());
  }

  /**
   * Records a finished DP run of {@code steps} at {@code samplingRate} that spent {@code spent},
   * over {@code sessionExamples} (examples read per session), in the store's ledger: the model
   * written in {@code writtenFolder}, under the name of the folder it is published as.
   */
  void record(
      Path dataDir,
      Path writtenFolder,
      Path modelFolder,
      Map<Long, Integer> sessionExamples,
      double samplingRate,
      long steps,
      double spent)
      throws Exception {
    try (SessionStore store = SessionStore.open(DataDirectory.resolve(dataDir));
        PrivacyLedgerRepository ledger = PrivacyLedgerRepository.open(store)) {
      long id =
          ledger.record(
              modelFolder.toString(),
              ModelFolder.sha256(writtenFolder.resolve("model.onnx")),
              samplingRate,
              noise,
              clip,
              steps,
              delta,
              spent,
              sessionExamples);
      System.err.println(
          "privacy ledger: run "
              + id
              + " recorded ("
              + sessionExamples.size()
              + " sessions, epsilon "
              + String.format(Locale.ROOT, "%.4f", spent)
              + ")");
    }
  }

  /**
   * An empty folder beside {@code folder} for the candidate being trained; a leftover of a run
   * killed before its ledger entry is removed here (it was never recorded, so never published).
   */
  static Path staging(Path folder) throws UserError {
    Path staging = folder.resolveSibling("." + folder.getFileName() + ".partial");
    try {
      deleteTree(staging);
      Files.createDirectories(staging);
    } catch (IOException e) {
      throw new UserError(staging + ": cannot prepare the candidate's folder (" + e + ")", e);
    }
    return staging;
  }

  /**
   * Moves the recorded candidate from {@code staging} to {@code folder}, replacing an older one. A
   * kill half-way leaves the run in the ledger and no candidate (or the old one): never a candidate
   * that the ledger does not know.
   */
  static void publish(Path staging, Path folder) throws UserError {
    try {
      deleteTree(folder);
      Files.move(staging, folder, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UserError(
          folder + ": cannot move the candidate into place from " + staging + " (" + e + ")", e);
    }
  }

  private static void deleteTree(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** Where DP candidates go unless --out says otherwise. */
  static Path candidates(Path dataDir) throws UserError {
    Path folder = DataDirectory.resolve(dataDir).resolve("candidates");
    try {
      Files.createDirectories(folder);
    } catch (java.io.IOException e) {
      throw new UserError(folder + ": cannot create the candidates folder (" + e + ")", e);
    }
    return folder;
  }
}
