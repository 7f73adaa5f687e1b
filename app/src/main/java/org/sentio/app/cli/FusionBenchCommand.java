package org.sentio.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sentio.affect.fusion.FusionBenchmark;
import org.sentio.runtime.ModelException;
import org.sentio.runtime.OnnxHost;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sentio bench-fusion}: fused windows/s of the installed MoE fusion model in both
 * formulations beside a dense model of the same parameter count, batch 1 and 64, with ratios.
 */
@Command(
    name = "bench-fusion",
    mixinStandardHelpOptions = true,
    description = {
      "Measure fusion speed: fused windows/s of the MoE fusion model (fused com.microsoft.MoE and"
          + " standard-op formulations) beside a dense model with the same parameter count, at"
          + " batch 1 and 64, measured side by side; medians of --repeat runs, ratios to dense."
    })
public final class FusionBenchCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Option(
      names = "--repeat",
      paramLabel = "N",
      defaultValue = "5",
      description = "Runs of each model at each batch size (default: ${DEFAULT-VALUE}).")
  int repeat;

  @Option(
      names = "--threads",
      paramLabel = "N",
      defaultValue = "1",
      description =
          "ONNX Runtime threads per inference, 0 for its default (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(
      names = "--json",
      paramLabel = "FILE",
      description = "Also write the figures (every run, medians, ratios) to FILE as JSON.")
  Path json;

  @Override
  public Integer call() throws Exception {
    if (repeat < 1 || repeat > 50) {
      throw new UserError("--repeat must be between 1 and 50, got " + repeat);
    }
    if (threads < 0 || threads > 256) {
      throw new UserError("--threads must be between 0 and 256, got " + threads);
    }
    if (json != null) {
      Path parent = json.toAbsolutePath().getParent();
      if (!Files.isDirectory(parent) || Files.isDirectory(json)) {
        throw new UserError(
            "--json "
                + json
                + ": "
                + (Files.isDirectory(json) ? "is a folder" : "its folder does not exist")
                + "; give a file in an existing folder");
      }
    }
    OnnxHost host = OnnxHost.start(common.devicePreference(), threads);
    FusionBenchmark.Result result;
    try {
      result =
          FusionBenchmark.run(host, common.registry(), FusionBenchmark.Config.standard(repeat));
    } catch (ModelException e) {
      throw new UserError(e.getMessage(), e);
    }
    System.out.println(host.providerChoice().describe());
    System.out.println(
        "threads per inference: " + (threads == 0 ? "ONNX Runtime default" : threads));
    result.print(System.out);
    if (json != null) {
      try {
        result.writeJson(json);
      } catch (IOException e) {
        throw new UserError("--json " + json + ": cannot write (" + e.getMessage() + ")", e);
      }
      System.out.println("figures written to " + json);
    }
    return 0;
  }
}
