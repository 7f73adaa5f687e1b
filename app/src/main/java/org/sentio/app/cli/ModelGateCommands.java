package org.sentio.app.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.Emotion;
import org.sentio.affect.Modality;
import org.sentio.affect.evaluate.EvaluationException;
import org.sentio.affect.evaluate.Evaluator;
import org.sentio.affect.evaluate.LabeledSet;
import org.sentio.affect.fusion.FusionData;
import org.sentio.affect.fusion.FusionTraining;
import org.sentio.affect.fusion.MoeTrainer;
import org.sentio.app.SentioHome;
import org.sentio.learning.federated.FusionModelFolder;
import org.sentio.learning.gate.ModelComparison;
import org.sentio.learning.gate.ModelGate;
import org.sentio.learning.gate.ModelVersions;
import org.sentio.runtime.DevicePreference;
import org.sentio.runtime.ModelRegistry;
import org.sentio.runtime.ModelSession;
import org.sentio.runtime.OnnxHost;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sentio models compare|adopt|rollback}: the A/B gate before a model replaces another. */
final class ModelGateCommands {
  private ModelGateCommands() {}

  /** The models folder: {@code --models} or the installed one. */
  static final class Models {
    @Option(
        names = "--models",
        paramLabel = "DIR",
        description = "Models folder holding the model in use (default: the installed one).")
    Path models;

    Path folder() {
      return models != null ? models : SentioHome.modelsDirectory();
    }
  }

  static FusionModelFolder candidate(String command, Path folder) throws UserError {
    try {
      return FusionModelFolder.read(folder);
    } catch (IllegalArgumentException e) {
      throw new UserError("models " + command + ": " + e.getMessage(), e);
    }
  }

  /** {@code sentio models compare CANDIDATE [--labels CSV]}. */
  @Command(
      name = "compare",
      mixinStandardHelpOptions = true,
      description =
          "Evaluate a candidate fusion model beside the one in use on the same held-out labelled"
              + " windows: those of the shared data (the split no shipped or trained fusion model"
              + " saw), or with --labels the rows of a labelled CSV (the format sentio evaluate"
              + " reads); accuracy, macro-F1, McNemar's paired test.",
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {"0:compared", "1:internal error", "2:bad input (the message names it)"})
  static final class Compare implements Callable<Integer> {
    @Parameters(paramLabel = "CANDIDATE", description = "The candidate model folder.")
    Path candidate;

    @picocli.CommandLine.Mixin Models models = new Models();

    @Option(
        names = "--windows",
        defaultValue = "2000",
        description = "Held-out windows (default 2000, those of the fusion model card).")
    int windows;

    @Option(
        names = "--sample",
        paramLabel = "F,V,T",
        description =
            "Read at most this many faces, voice clips and texts per split (a quick check;"
                + " default all).")
    String sample;

    @Option(
        names = "--labels",
        paramLabel = "CSV",
        description =
            "Compare on this labelled CSV instead (columns: label, and any of image, audio, text;"
                + " at least "
                + ModelComparison.MIN_WINDOWS
                + " rows): each row is analysed by the installed face, voice and text models and"
                + " fused by both fusion models. Use rows neither model was trained on.")
    Path labels;

    @Option(
        names = "--crops",
        description = "With --labels: the images are already cropped faces (skip detection).")
    boolean crops;

    @Override
    public Integer call() throws Exception {
      FusionModelFolder cand = candidate("compare", candidate);
      FusionModelFolder inUse = candidate("compare", new ModelVersions(models.folder()).inUse());
      if (cand.sha256().equals(inUse.sha256())) {
        throw new UserError(
            "models compare: " + candidate + " is the model in use (same sha256); nothing to do");
      }
      if (labels != null && sample != null) {
        throw new UserError("models compare: --sample reads the shared data; not with --labels");
      }
      MoeTrainer.Windows held;
      String data;
      if (labels != null) {
        held = labelled();
        data = "labelled CSV " + labels.toAbsolutePath().normalize();
      } else {
        held = sharedHeldOut();
        data = "fusion held-out windows of the shared data (voice actors 19-20)";
      }
      ModelComparison c = ModelComparison.of(cand.weights(), inUse.weights(), held);
      System.out.printf(
          Locale.ROOT, "%-10s %-22s %-9s %s%n", "", "version", "accuracy", "macro-F1");
      System.out.printf(
          Locale.ROOT,
          "%-10s %-22s %.4f    %.4f%n",
          "candidate",
          cand.manifest().get("version"),
          c.candidate().accuracy(),
          c.candidate().macroF1());
      System.out.printf(
          Locale.ROOT,
          "%-10s %-22s %.4f    %.4f%n",
          "in use",
          inUse.manifest().get("version"),
          c.inUse().accuracy(),
          c.inUse().macroF1());
      System.out.printf(
          Locale.ROOT,
          "McNemar: candidate alone right on %d, in use alone right on %d of %d windows;"
              + " p = %.4g%n",
          c.test().onlyA(),
          c.test().onlyB(),
          held.size(),
          c.test().pValue());
      String verdict =
          c.candidateBetter(0.05)
              ? "the candidate is significantly better (p < 0.05)"
              : c.test().onlyB() > c.test().onlyA() && c.test().pValue() < 0.05
                  ? "the candidate is significantly worse (p < 0.05): keep the model in use"
                  : "no significant difference (p >= 0.05)";
      System.out.println(verdict);
      Map<String, Object> record = new LinkedHashMap<>();
      record.put("candidateSha256", cand.sha256());
      record.put("inUseSha256", inUse.sha256());
      record.put("windows", held.size());
      record.put("data", data);
      record.put("candidateAccuracy", c.candidate().accuracy());
      record.put("candidateMacroF1", c.candidate().macroF1());
      record.put("inUseAccuracy", c.inUse().accuracy());
      record.put("inUseMacroF1", c.inUse().macroF1());
      record.put("mcnemarP", c.test().pValue());
      record.put("verdict", verdict);
      try {
        ModelGate.recordComparison(candidate, record);
      } catch (IOException e) {
        throw new UserError(candidate + ": cannot record the comparison (" + e + ")", e);
      }
      return 0;
    }

    /** The fusion model card's held-out windows of the shared data. */
    private MoeTrainer.Windows sharedHeldOut() throws Exception {
      if (windows < ModelComparison.MIN_WINDOWS) {
        throw new UserError(
            "models compare: --windows must be at least " + ModelComparison.MIN_WINDOWS);
      }
      FusionData.Limits limits = FusionData.Limits.ALL;
      if (sample != null) {
        String[] p = sample.split(",");
        try {
          limits =
              new FusionData.Limits(
                  Integer.parseInt(p[0].strip()),
                  Integer.parseInt(p[1].strip()),
                  Integer.parseInt(p[2].strip()));
        } catch (RuntimeException e) {
          throw new UserError("models compare: --sample takes three counts, e.g. 240,28,400", e);
        }
      }
      if (System.getProperty("sentio.shared.dir") == null) {
        System.setProperty(
            "sentio.shared.dir", SentioHome.locate().resolve("..").resolve("shared").toString());
      }
      OnnxHost host = OnnxHost.start(DevicePreference.CPU, 0);
      ModelRegistry registry =
          new ModelRegistry(SentioHome.modelsDirectory(), SentioHome.restoreHint());
      FusionData.Pools pools;
      try (ModelSession face = host.open(registry, registry.find("face-expression"));
          ModelSession voice = host.open(registry, registry.find("voice-affect"));
          ModelSession text = host.open(registry, registry.find("text-affect-en"))) {
        pools = FusionData.pools(face, voice, text, limits);
      }
      List<Emotion> labelled = new ArrayList<>();
      return FusionData.encode(
          FusionData.windows(
              pools.heldOut(),
              windows,
              FusionTraining.heldOutSeed(MoeTrainer.Config.defaults()),
              labelled),
          labelled);
    }

    /**
     * The rows of {@code --labels}, each analysed by the installed face, voice and text models as
     * {@code sentio evaluate} does, encoded for the fusion models.
     */
    private MoeTrainer.Windows labelled() throws Exception {
      LabeledSet set;
      try {
        set = LabeledSet.read(labels, false);
      } catch (LabeledSet.InvalidException e) {
        throw new UserError("models compare --labels: " + e.getMessage(), e);
      }
      if (set.rows().size() < ModelComparison.MIN_WINDOWS) {
        throw new UserError(
            "models compare --labels: "
                + labels
                + " has "
                + set.rows().size()
                + " labelled rows; at least "
                + ModelComparison.MIN_WINDOWS
                + " are needed for the paired test to tell the models apart");
      }
      OnnxHost host = OnnxHost.start(DevicePreference.CPU, 0);
      ModelRegistry registry =
          new ModelRegistry(SentioHome.modelsDirectory(), SentioHome.restoreHint());
      List<Map<Modality, AffectEstimate>> estimates = new ArrayList<>();
      List<Emotion> truth = new ArrayList<>();
      try (EvaluateCommand.OpenedModels opened =
          EvaluateCommand.OpenedModels.open(set, host, registry, crops, null, null, false)) {
        Evaluator evaluator = new Evaluator(opened.models(), crops);
        ProgressLine progress = ProgressLine.onStderr("compare");
        try {
          for (int i = 0; i < set.rows().size(); i++) {
            LabeledSet.Row row = set.rows().get(i);
            estimates.add(evaluator.estimates(set, row));
            truth.add(row.emotion());
            progress.onCount(i + 1, set.rows().size(), "rows");
          }
        } finally {
          progress.finish();
        }
      } catch (EvaluationException e) {
        throw new UserError("models compare --labels: " + e.getMessage(), e);
      }
      return FusionData.encode(estimates, truth);
    }
  }

  /** {@code sentio models adopt CANDIDATE}. */
  @Command(
      name = "adopt",
      mixinStandardHelpOptions = true,
      description =
          "Make a compared candidate the fusion model in use; the current one is kept for"
              + " sentio models rollback.")
  static final class Adopt implements Callable<Integer> {
    @Parameters(paramLabel = "CANDIDATE", description = "The candidate model folder.")
    Path candidate;

    @picocli.CommandLine.Mixin Models models = new Models();

    @Override
    public Integer call() throws Exception {
      ModelGate.Adopted adopted;
      try {
        adopted = ModelGate.adopt(candidate, models.folder());
      } catch (ModelGate.Refusal e) {
        throw new UserError("models adopt: " + e.getMessage(), e);
      }
      System.out.println(
          "adopted "
              + candidate
              + " (version "
              + adopted.candidate().manifest().get("version")
              + "); the previous model is kept in "
              + adopted.kept()
              + " (sentio models rollback restores it)");
      System.out.println("comparison: " + adopted.verdict());
      return 0;
    }
  }

  /** {@code sentio models rollback}. */
  @Command(
      name = "rollback",
      mixinStandardHelpOptions = true,
      description = "Restore the fusion model that the last adoption replaced.")
  static final class Rollback implements Callable<Integer> {
    @picocli.CommandLine.Mixin Models models = new Models();

    @Override
    public Integer call() throws Exception {
      FusionModelFolder restored;
      try {
        restored = ModelGate.rollback(models.folder());
      } catch (ModelGate.Refusal e) {
        throw new UserError("models rollback: " + e.getMessage(), e);
      }
      System.out.println(
          "restored the fusion model kept before the last adoption (version "
              + restored.manifest().get("version")
              + ") in "
              + restored.folder());
      return 0;
    }
  }
}
