package org.sentio.spark;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sentio.affect.pipeline.AnalysisOptions;
import org.sentio.runtime.DevicePreference;

/**
 * The job's command line.
 *
 * @param inputs folders, globs, media files or manifests (.csv, .parquet)
 * @param out the output folder (any Hadoop-compatible URI or local path)
 * @param models the models folder on the driver, shipped to the executors
 * @param executorModels a models folder already installed on every executor host, used instead of
 *     shipping, or {@code null}
 * @param master the Spark master when the job is not started by spark-submit, or {@code null}
 * @param fps video frames analysed per second
 * @param window window length in seconds (windows start every half window)
 * @param device where the models run on the executors
 * @param onnxThreads ONNX Runtime threads per inference in a task
 */
public record JobSettings(
    List<String> inputs,
    String out,
    String models,
    String executorModels,
    String master,
    double fps,
    double window,
    String device,
    int onnxThreads)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final String USAGE =
      "usage: ArchiveJob --out DIR [--master URL] [--models DIR] [--executor-models DIR]"
          + " [--fps N] [--window S] [--device auto|cuda|cpu] [--onnx-threads N] INPUT…";

  public JobSettings {
    inputs = List.copyOf(inputs);
  }

  /** These settings with the executors reading the models installed at {@code folder}. */
  JobSettings withExecutorModels(String folder) {
    return new JobSettings(inputs, out, models, folder, master, fps, window, device, onnxThreads);
  }

  /** The analysis settings every file is analysed with. */
  public AnalysisOptions options() {
    return AnalysisOptions.DEFAULT.withFps(fps).withWindow(window);
  }

  public DevicePreference devicePreference() {
    return DevicePreference.parse(device);
  }

  /**
   * Parses the command line.
   *
   * @param defaultModels the models folder when {@code --models} is not given
   * @throws JobInputException naming the bad option
   */
  public static JobSettings parse(String[] args, Path defaultModels) throws JobInputException {
    List<String> inputs = new ArrayList<>();
    String out = null;
    String models = defaultModels.toString();
    String executorModels = null;
    String master = null;
    double fps = AnalysisOptions.DEFAULT.analysisFps();
    double window = AnalysisOptions.DEFAULT.windowSeconds();
    String device = "auto";
    int onnxThreads = 1;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--out" -> out = value(args, ++i, arg);
        case "--master" -> master = value(args, ++i, arg);
        case "--models" -> models = value(args, ++i, arg);
        case "--executor-models" -> executorModels = value(args, ++i, arg);
        case "--fps" -> fps = number(value(args, ++i, arg), arg);
        case "--window" -> window = number(value(args, ++i, arg), arg);
        case "--device" -> device = value(args, ++i, arg);
        case "--onnx-threads" -> onnxThreads = (int) number(value(args, ++i, arg), arg);
        default -> {
          if (arg.startsWith("--")) {
            throw new JobInputException("unknown option " + arg + "; " + USAGE);
          }
          inputs.add(arg);
        }
      }
    }
    if (out == null) {
      throw new JobInputException("--out DIR is required; " + USAGE);
    }
    if (inputs.isEmpty()) {
      throw new JobInputException("no input: give folders, globs, media files or a manifest");
    }
    if (onnxThreads < 1) {
      throw new JobInputException("--onnx-threads must be at least 1, got " + onnxThreads);
    }
    JobSettings settings =
        new JobSettings(
            inputs, out, models, executorModels, master, fps, window, device, onnxThreads);
    try {
      settings.options();
      settings.devicePreference();
    } catch (IllegalArgumentException e) {
      throw new JobInputException(e.getMessage(), e);
    }
    return settings;
  }

  private static String value(String[] args, int index, String option) throws JobInputException {
    if (index >= args.length) {
      throw new JobInputException(option + " needs a value; " + USAGE);
    }
    return args[index];
  }

  private static double number(String text, String option) throws JobInputException {
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new JobInputException(option + ": not a number: " + text, e);
    }
  }
}
