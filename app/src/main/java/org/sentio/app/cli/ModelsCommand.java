package org.sentio.app.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.sentio.affect.fusion.MoeFusion;
import org.sentio.affect.speech.InstalledSpeechModel;
import org.sentio.affect.speech.SpeechModelException;
import org.sentio.affect.speech.SpeechModelInstaller;
import org.sentio.affect.speech.SpeechModels;
import org.sentio.app.SentioHome;
import org.sentio.app.SpeechSettings;
import org.sentio.runtime.InstalledModel;
import org.sentio.runtime.ModelException;
import org.sentio.runtime.ModelRegistry;
import org.sentio.runtime.ModelVerification;
import org.sentio.runtime.OnnxHost;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sentio models list|verify}. */
@Command(
    name = "models",
    mixinStandardHelpOptions = true,
    description = "The installed models: what they are and whether their files are intact.",
    subcommands = {
      ModelsCommand.ListModels.class,
      ModelsCommand.VerifyModels.class,
      ModelGateCommands.Compare.class,
      ModelGateCommands.Adopt.class,
      ModelGateCommands.Rollback.class,
      ModelsCommand.InstallModel.class
    })
public final class ModelsCommand implements Callable<Integer> {
  @Override
  public Integer call() throws UserError {
    throw new UserError(
        "models: say list, verify, install, compare, adopt or rollback (see sentio models --help)");
  }

  static List<InstalledModel> installed(ModelRegistry registry) throws UserError {
    try {
      return registry.list();
    } catch (ModelException e) {
      throw new UserError(e.getMessage(), e);
    }
  }

  /** The name column's width: the longest name, so that the columns after it line up. */
  static int nameWidth(List<String> names) {
    int width = 16;
    for (String name : names) {
      width = Math.max(width, name.length());
    }
    return width;
  }

  /** {@code sentio models list}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List installed models.")
  static final class ListModels implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Override
    public Integer call() throws UserError {
      ModelRegistry registry = common.registry();
      System.out.println("Models in " + registry.directory());
      List<InstalledModel> models = installed(registry);
      int width = nameWidth(models.stream().map(InstalledModel::name).toList());
      for (InstalledModel model : models) {
        var m = model.manifest();
        System.out.printf(
            "  %-" + width + "s %-8s %-34s licence %s; from %s%n",
            m.name(),
            m.version(),
            m.task(),
            m.licence(),
            m.source() == null ? "?" : m.source().packageName());
        String privacy = privacy(model);
        if (!privacy.isEmpty()) {
          System.out.println("  " + " ".repeat(width) + " " + privacy);
        }
      }
      SpeechModels speech = SpeechSettings.models(common.dataDirectory());
      System.out.println(
          "Speech models (sentio analyze --lang LANG; install more with sentio models install):");
      for (InstalledSpeechModel model : speech.list()) {
        System.out.printf(
            "  %-5s %-28s %-10s in %s%n",
            model.language(), model.name(), model.manifest().version(), model.directory());
      }
      OnnxHost host = OnnxHost.start(common.devicePreference(), 0);
      System.out.println(host.providerChoice().describe());
      if (installed(registry).stream().anyMatch(m -> m.name().equals(MoeFusion.MODEL))) {
        System.out.println(MoeFusion.MODEL + " runs as: " + formulation(host, registry));
      }
      return 0;
    }

    /** The formulation the runtime picks for the fusion model here, or why it cannot load. */
    private static String formulation(OnnxHost host, ModelRegistry registry) {
      try (MoeFusion fusion = MoeFusion.open(host, registry)) {
        return fusion.formulation().describe()
            + " (load-time check "
            + fusion.formulation().checkMillis()
            + " ms)";
      } catch (ModelException e) {
        return "cannot load (" + e.getMessage() + ")";
      }
    }
  }

  /** {@code sentio models verify}. */
  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = "Check every model file against its manifest's sha256; exit 2 if any fails.")
  static final class VerifyModels implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Override
    public Integer call() throws UserError {
      ModelRegistry registry = common.registry();
      int bad = 0;
      List<InstalledModel> models = installed(registry);
      List<InstalledSpeechModel> speechModels =
          SpeechSettings.models(common.dataDirectory()).list();
      List<String> names = new ArrayList<>();
      models.forEach(model -> names.add(model.name()));
      speechModels.forEach(model -> names.add(model.name()));
      String row = "  %-" + nameWidth(names) + "s %s%n";
      for (InstalledModel model : models) {
        ModelVerification v = registry.verify(model);
        System.out.printf(
            row, model.name(), v.ok() ? "ok  sha256 " + v.actualSha256() : v.message());
        if (!v.ok()) {
          bad++;
        }
      }
      for (InstalledSpeechModel speech : speechModels) {
        try {
          SpeechModels.verify(speech, SentioHome.restoreHint());
          System.out.printf(
              row,
              speech.name(),
              "ok  all "
                  + speech.manifest().files().size()
                  + " speech model files match the manifest");
        } catch (SpeechModelException e) {
          System.out.printf(row, speech.name(), e.getMessage());
          bad++;
        }
      }
      if (bad > 0) {
        throw new UserError(bad + " model file(s) failed verification");
      }
      return 0;
    }
  }

  /** "differentially private: epsilon E at delta D" from a manifest's privacy entry, or "". */
  static String privacy(InstalledModel model) {
    try {
      var manifest =
          new com.fasterxml.jackson.databind.ObjectMapper()
              .readTree(model.directory().resolve("manifest.json").toFile());
      var p = manifest.get("privacy");
      if (p == null) {
        return "";
      }
      return String.format(
          java.util.Locale.ROOT,
          "differentially private: epsilon %.3f at delta %s (DP-SGD, sigma %s, clip %s)",
          p.get("epsilon").asDouble(),
          p.get("delta").asText(),
          p.get("noiseMultiplier").asText(),
          p.get("clip").asText());
    } catch (java.io.IOException | RuntimeException e) {
      return "";
    }
  }

  /** {@code sentio models install DIR --lang LANG}. */
  @Command(
      name = "install",
      mixinStandardHelpOptions = true,
      description = {
        "Install a Vosk speech model folder (e.g. unpacked vosk-model-small-cn-0.22) for a"
            + " language: Sentio checks that it loads, copies it into the data folder's models"
            + " area with a manifest (language, name, sha256 of every file), and sentio analyze"
            + " --lang LANG uses it.",
      },
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {"0:installed", "1:internal error", "2:bad input (the message names it)"})
  static final class InstallModel implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Parameters(paramLabel = "DIR", description = "The Vosk model folder.")
    Path folder;

    @Option(
        names = "--lang",
        paramLabel = "LANG",
        required = true,
        description = "The language the model recognises, e.g. zh or en.")
    String language;

    @Option(
        names = "--name",
        paramLabel = "NAME",
        description = "The installed model's name (default: asr-LANG-<folder name>).")
    String name;

    @Override
    public Integer call() throws UserError {
      Path root = SpeechSettings.userModels(common.dataDirectory());
      InstalledSpeechModel installed;
      try {
        installed = SpeechModelInstaller.install(folder, language, name, root);
      } catch (SpeechModelException e) {
        throw new UserError(e.getMessage(), e);
      }
      System.out.printf(
          "installed %s (%s, %d files) in %s; sentio analyze --lang %s uses it%n",
          installed.name(),
          installed.language(),
          installed.manifest().files().size(),
          installed.directory(),
          installed.language());
      return 0;
    }
  }
}
