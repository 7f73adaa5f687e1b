package org.sentio.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sentio.affect.Emotion;
import org.sentio.affect.fusion.FusionData;
import org.sentio.affect.fusion.FusionTraining;
import org.sentio.affect.fusion.MoeTrainer;
import org.sentio.app.SentioHome;
import org.sentio.learning.federated.FusionModelFolder;
import org.sentio.learning.gate.ModelComparison;
import org.sentio.learning.gate.ModelVersions;
import org.sentio.runtime.DevicePreference;
import org.sentio.runtime.ModelRegistry;
import org.sentio.runtime.ModelSession;
import org.sentio.runtime.ModelVerification;
import org.sentio.runtime.OnnxHost;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sentio models compare|adopt|rollback}: the A/B gate before a model replaces another. */
final class ModelGateCommands {
  /** Written into a candidate's folder by compare; adopt requires it. */
  static final String COMPARISON = "comparison.json";

  private static final ObjectMapper JSON = new ObjectMapper();

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

  /** {@code sentio models compare CANDIDATE}. */
  @Command(
      name = "compare",
      mixinStandardHelpOptions = true,
      description =
          "Evaluate a candidate fusion model beside the one in use on the same held-out labelled"
              + " windows of the shared data (the split no shipped or trained fusion model saw):"
              + " accuracy, macro-F1, McNemar's paired test.")
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

    @Override
    public Integer call() throws Exception {
      FusionModelFolder cand = candidate("compare", candidate);
      FusionModelFolder inUse = candidate("compare", new ModelVersions(models.folder()).inUse());
      if (cand.sha256().equals(inUse.sha256())) {
        throw new UserError(
            "models compare: " + candidate + " is the model in use (same sha256); nothing to do");
      }
      if (windows < 50) {
        throw new UserError("models compare: --windows must be at least 50");
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
      List<Emotion> labels = new ArrayList<>();
      MoeTrainer.Windows held =
          FusionData.encode(
              FusionData.windows(
                  pools.heldOut(),
                  windows,
                  FusionTraining.heldOutSeed(MoeTrainer.Config.defaults()),
                  labels),
              labels);
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
      record.put("data", "fusion held-out windows of the shared data (voice actors 19-20)");
      record.put("candidateAccuracy", c.candidate().accuracy());
      record.put("candidateMacroF1", c.candidate().macroF1());
      record.put("inUseAccuracy", c.inUse().accuracy());
      record.put("inUseMacroF1", c.inUse().macroF1());
      record.put("mcnemarP", c.test().pValue());
      record.put("verdict", verdict);
      try {
        JSON.writerWithDefaultPrettyPrinter()
            .writeValue(candidate.resolve(COMPARISON).toFile(), record);
      } catch (IOException e) {
        throw new UserError(candidate + ": cannot record the comparison (" + e + ")", e);
      }
      return 0;
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
      FusionModelFolder cand = candidate("adopt", candidate);
      ModelVersions versions = new ModelVersions(models.folder());
      FusionModelFolder inUse = candidate("adopt", versions.inUse());
      ModelRegistry registry = new ModelRegistry(candidate.getParent(), SentioHome.restoreHint());
      ModelVerification check = registry.verify(registry.readManifest(candidate));
      if (!check.ok()) {
        throw new UserError("models adopt: " + candidate + ": " + check.message());
      }
      Path record = candidate.resolve(COMPARISON);
      if (!Files.isRegularFile(record)) {
        throw new UserError(
            "models adopt: "
                + candidate
                + " has not been compared with the model in use; run sentio models compare "
                + candidate
                + " first");
      }
      JsonNode compared = JSON.readTree(record.toFile());
      if (!inUse.sha256().equals(compared.path("inUseSha256").asText())
          || !cand.sha256().equals(compared.path("candidateSha256").asText())) {
        throw new UserError(
            "models adopt: "
                + candidate
                + " was compared with another model than the one in use (or changed since);"
                + " run sentio models compare "
                + candidate
                + " again");
      }
      Path kept = versions.adopt(cand);
      System.out.println(
          "adopted "
              + candidate
              + " (version "
              + cand.manifest().get("version")
              + "); the previous model is kept in "
              + kept
              + " (sentio models rollback restores it)");
      System.out.println("comparison: " + compared.path("verdict").asText());
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
      ModelVersions versions = new ModelVersions(models.folder());
      var restored = versions.rollback();
      if (restored.isEmpty()) {
        throw new UserError(
            "models rollback: no previous fusion model in "
                + models.folder().resolve(ModelVersions.PREVIOUS)
                + "; nothing was adopted here");
      }
      System.out.println(
          "restored the fusion model kept in "
              + restored.get()
              + " (version "
              + FusionModelFolder.read(versions.inUse()).manifest().get("version")
              + ")");
      return 0;
    }
  }
}
