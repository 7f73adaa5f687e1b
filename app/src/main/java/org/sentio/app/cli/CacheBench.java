package org.sentio.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sentio.affect.cache.CacheStats;
import org.sentio.affect.cache.FeatureCache;
import org.sentio.affect.pipeline.AnalysisException;
import org.sentio.affect.pipeline.AnalysisOptions;
import org.sentio.affect.pipeline.AnalysisPipeline;
import org.sentio.affect.pipeline.AnalysisRequest;
import org.sentio.affect.pipeline.Analyzers;
import org.sentio.affect.pipeline.ComputePath;
import org.sentio.affect.pipeline.ProgressListener;
import org.sentio.affect.pipeline.SessionResult;
import org.sentio.runtime.OnnxHost;

/**
 * {@code sentio bench FILE --compare-cached}: a first analysis that fills an empty feature cache
 * beside a re-analysis that reads it, in one run, with the same models loaded once. The re-analysis
 * opens a fresh cache over the same folder, so it reads the disk level as a new process (a
 * fusion-model or window change) would, not the memory of the first.
 */
final class CacheBench {
  private static final String SCHEMA = "sentio-bench-cache/1";
  private static final long BOUND = 4L * 1024 * 1024 * 1024;

  private CacheBench() {}

  /** One round: the first analysis and the cached one. */
  private record Round(
      double firstWall, double firstCpu, double cachedWall, double cachedCpu, boolean identical) {}

  static int run(BenchCommand bench, AnalysisOptions options) throws Exception {
    String loadBefore = loadAverage();
    OnnxHost host = OnnxHost.start(bench.common.devicePreference(), bench.intraOpThreads);
    List<Round> rounds = new ArrayList<>();
    String hits = "";
    double duration = 0;
    int windows = 0;
    Path scratch = Files.createTempDirectory("sentio-cache-bench");
    try (Analyzers analyzers = AnalyzeCommand.loadAnalyzers(bench.common, host)) {
      AnalysisRequest request =
          new AnalysisRequest(
              bench.file, null, null, "bench", options, !"off".equalsIgnoreCase(bench.asr), "en");
      for (int i = 0; i < bench.repeat; i++) {
        Path folder = scratch.resolve("cache-" + i);
        double cpu = BenchCommand.processCpuSeconds();
        long start = System.nanoTime();
        SessionResult first;
        try (FeatureCache cache = open(folder)) {
          first = analyse(analyzers, cache, request);
        }
        double firstWall = (System.nanoTime() - start) / 1e9;
        double firstCpu = BenchCommand.processCpuSeconds() - cpu;

        cpu = BenchCommand.processCpuSeconds();
        start = System.nanoTime();
        SessionResult cached;
        CacheStats before;
        CacheStats after;
        try (FeatureCache cache = open(folder)) {
          before = cache.processStats();
          cached = analyse(analyzers, cache, request);
          after = cache.processStats();
        }
        double cachedWall = (System.nanoTime() - start) / 1e9;
        double cachedCpu = BenchCommand.processCpuSeconds() - cpu;
        boolean identical =
            first.windows().equals(cached.windows())
                && first.transcript().equals(cached.transcript())
                && first.speakers().equals(cached.speakers())
                && first.faceTracks().equals(cached.faceTracks());
        rounds.add(new Round(firstWall, firstCpu, cachedWall, cachedCpu, identical));
        hits = FeatureCacheLine.of(before, after);
        duration = first.durationSeconds();
        windows = first.windows().size();
        System.err.printf(
            Locale.ROOT,
            "run %d/%d: first %.2f s, cached %.2f s, identical %s%n",
            i + 1,
            bench.repeat,
            firstWall,
            cachedWall,
            identical);
      }
    } finally {
      BenchCommand.deleteTree(scratch);
    }
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("schema", SCHEMA);
    f.put("file", bench.file.toString());
    f.put("mediaSeconds", duration);
    f.put("windows", windows);
    f.put("runs", rounds.size());
    f.put("cores", Runtime.getRuntime().availableProcessors());
    f.put("device", host.providerChoice().describe());
    f.put("firstSeconds", median(rounds, Round::firstWall));
    f.put("cachedSeconds", median(rounds, Round::cachedWall));
    f.put("firstToCached", (double) f.get("firstSeconds") / (double) f.get("cachedSeconds"));
    f.put("firstCpuSeconds", median(rounds, Round::firstCpu));
    f.put("cachedCpuSeconds", median(rounds, Round::cachedCpu));
    f.put(
        "firstToCachedCpu", (double) f.get("firstCpuSeconds") / (double) f.get("cachedCpuSeconds"));
    f.put("identical", rounds.stream().allMatch(Round::identical));
    f.put("cacheLookups", hits);
    f.put("loadAverageBefore", loadBefore);
    f.put("loadAverageAfter", loadAverage());
    print(f);
    if (bench.json != null) {
      try {
        new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .writeValue(bench.json.toFile(), f);
      } catch (IOException e) {
        throw new UserError(
            bench.json + ": cannot write the JSON figures (" + e.getMessage() + ")", e);
      }
    }
    return 0;
  }

  private static FeatureCache open(Path folder) {
    return FeatureCache.open(folder, BOUND, line -> System.err.println("warning: " + line));
  }

  private static SessionResult analyse(
      Analyzers analyzers, FeatureCache cache, AnalysisRequest request)
      throws UserError, AnalysisException {
    try {
      return new AnalysisPipeline(analyzers, ComputePath.FAST, cache)
          .analyse(request, ProgressListener.NONE, () -> false);
    } catch (AnalysisException e) {
      if (e.isBadInput()) {
        throw new UserError(e.getMessage(), e);
      }
      throw e;
    }
  }

  private static void print(Map<String, Object> f) {
    System.out.printf(
        Locale.ROOT,
        "file                 %s (%.1f s of media, %d windows)%n",
        f.get("file"),
        f.get("mediaSeconds"),
        f.get("windows"));
    System.out.printf(
        Locale.ROOT,
        "runs                 %d of each, medians; %d cores; %s%n",
        f.get("runs"),
        f.get("cores"),
        f.get("device"));
    System.out.printf(
        Locale.ROOT,
        "%-21s%16s%22s%16s%n",
        "",
        "first analysis",
        "cached re-analysis",
        "first/cached");
    System.out.printf(
        Locale.ROOT,
        "%-21s%14.2f s%20.2f s%15.1f×%n",
        "wall time",
        f.get("firstSeconds"),
        f.get("cachedSeconds"),
        f.get("firstToCached"));
    System.out.printf(
        Locale.ROOT,
        "%-21s%14.2f s%20.2f s%15.1f×%n",
        "CPU time (all threads)",
        f.get("firstCpuSeconds"),
        f.get("cachedCpuSeconds"),
        f.get("firstToCachedCpu"));
    System.out.printf(
        Locale.ROOT,
        "results              %s%n",
        (boolean) f.get("identical")
            ? "identical (every window, utterance, speaker and face track equal)"
            : "DIFFERENT");
    System.out.printf(Locale.ROOT, "re-analysis          %s%n", f.get("cacheLookups"));
    System.out.printf(
        Locale.ROOT,
        "load average         %s before, %s after%n",
        f.get("loadAverageBefore"),
        f.get("loadAverageAfter"));
  }

  private static double median(List<Round> rounds, java.util.function.ToDoubleFunction<Round> v) {
    return BenchCommand.median(rounds.stream().mapToDouble(v).toArray());
  }

  /** The 1, 5 and 15 minute load averages, where the system tells them. */
  private static String loadAverage() {
    try {
      String[] parts =
          Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).trim().split(" ");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
