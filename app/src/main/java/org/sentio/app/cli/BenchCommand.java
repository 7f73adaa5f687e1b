package org.sentio.app.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sentio.affect.pipeline.AnalysisException;
import org.sentio.affect.pipeline.AnalysisOptions;
import org.sentio.affect.pipeline.AnalysisPipeline;
import org.sentio.affect.pipeline.AnalysisRequest;
import org.sentio.affect.pipeline.Analyzers;
import org.sentio.affect.pipeline.ProgressListener;
import org.sentio.affect.pipeline.SessionResult;
import org.sentio.capture.media.DecodeStats;
import org.sentio.capture.media.MediaException;
import org.sentio.capture.media.MediaSource;
import org.sentio.runtime.OnnxHost;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sentio bench FILE}: analysis wall time beside FFmpeg's decode-only time of the same file,
 * measured alternately in one run, with their ratio and the real-time factor. Nothing is stored.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Measure analysis speed on FILE: analysis wall time, decode-only wall time of the same file"
          + " in the same run, their ratio, and the real-time factor (medians of --repeat runs)."
    })
public final class BenchCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Parameters(paramLabel = "FILE", description = "A media file.")
  Path file;

  @Option(
      names = "--repeat",
      paramLabel = "N",
      defaultValue = "3",
      description = "Runs of each (default: ${DEFAULT-VALUE}).")
  int repeat;

  @Option(
      names = "--fps",
      paramLabel = "N",
      defaultValue = "5",
      description = "Analysis rate (default: ${DEFAULT-VALUE}).")
  double fps;

  @Override
  public Integer call() throws Exception {
    if (repeat < 1 || repeat > 50) {
      throw new UserError("--repeat must be between 1 and 50, got " + repeat);
    }
    AnalysisOptions options;
    try {
      options = AnalysisOptions.DEFAULT.withFps(fps);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage(), e);
    }
    OnnxHost host = OnnxHost.start(common.devicePreference(), 0);
    double[] decode = new double[repeat];
    double[] analysis = new double[repeat];
    double duration = 0;
    try (Analyzers analyzers = AnalyzeCommand.loadAnalyzers(common, host)) {
      AnalysisPipeline pipeline = new AnalysisPipeline(analyzers);
      AnalysisRequest request = new AnalysisRequest(file, null, null, "bench", options);
      for (int i = 0; i < repeat; i++) {
        DecodeStats stats = decodeOnly();
        decode[i] = stats.wallSeconds();
        long start = System.nanoTime();
        SessionResult result = analyse(pipeline, request);
        analysis[i] = (System.nanoTime() - start) / 1e9;
        duration = result.durationSeconds();
        System.err.printf(
            Locale.ROOT,
            "run %d/%d: decode %.2f s, analysis %.2f s%n",
            i + 1,
            repeat,
            decode[i],
            analysis[i]);
      }
    }
    double decodeMedian = median(decode);
    double analysisMedian = median(analysis);
    System.out.printf(Locale.ROOT, "file                 %s (%.1f s of media)%n", file, duration);
    System.out.printf(
        Locale.ROOT, "runs                 %d of each, alternating; medians%n", repeat);
    System.out.println("device               " + host.providerChoice().describe());
    System.out.printf(Locale.ROOT, "analysis wall time   %.2f s%n", analysisMedian);
    System.out.printf(Locale.ROOT, "decode-only time     %.2f s%n", decodeMedian);
    System.out.printf(Locale.ROOT, "analysis / decode    %.2f%n", analysisMedian / decodeMedian);
    System.out.printf(
        Locale.ROOT,
        "real-time factor     %.1f× (media seconds per wall second)%n",
        duration / analysisMedian);
    return 0;
  }

  private DecodeStats decodeOnly() throws UserError {
    try {
      return MediaSource.decodeOnly(file);
    } catch (MediaException e) {
      throw new UserError(e.getMessage(), e);
    }
  }

  private static SessionResult analyse(AnalysisPipeline pipeline, AnalysisRequest request)
      throws UserError, AnalysisException {
    try {
      return pipeline.analyse(request, ProgressListener.NONE, () -> false);
    } catch (AnalysisException e) {
      if (e.isBadInput()) {
        throw new UserError(e.getMessage(), e);
      }
      throw e;
    }
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
