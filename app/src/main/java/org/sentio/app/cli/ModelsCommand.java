package org.sentio.app.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.sentio.affect.fusion.MoeFusion;
import org.sentio.runtime.InstalledModel;
import org.sentio.runtime.ModelException;
import org.sentio.runtime.ModelRegistry;
import org.sentio.runtime.ModelVerification;
import org.sentio.runtime.OnnxHost;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

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
      ModelGateCommands.Rollback.class
    })
public final class ModelsCommand implements Callable<Integer> {
  @Override
  public Integer call() throws UserError {
    throw new UserError(
        "models: say list, verify, compare, adopt or rollback (see sentio models --help)");
  }

  static List<InstalledModel> installed(ModelRegistry registry) throws UserError {
    try {
      return registry.list();
    } catch (ModelException e) {
      throw new UserError(e.getMessage(), e);
    }
  }

  /** {@code sentio models list}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List installed models.")
  static final class ListModels implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Override
    public Integer call() throws UserError {
      ModelRegistry registry = common.registry();
      System.out.println("Models in " + registry.directory());
      for (InstalledModel model : installed(registry)) {
        var m = model.manifest();
        System.out.printf(
            "  %-16s %-8s %-34s licence %s; from %s%n",
            m.name(),
            m.version(),
            m.task(),
            m.licence(),
            m.source() == null ? "?" : m.source().packageName());
        String privacy = privacy(model);
        if (!privacy.isEmpty()) {
          System.out.println("  " + " ".repeat(16) + " " + privacy);
        }
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
      for (InstalledModel model : installed(registry)) {
        ModelVerification v = registry.verify(model);
        System.out.printf(
            "  %-16s %s%n", model.name(), v.ok() ? "ok  sha256 " + v.actualSha256() : v.message());
        if (!v.ok()) {
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
}
