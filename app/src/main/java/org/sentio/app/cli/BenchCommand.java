package org.sentio.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import org.sentio.affect.pipeline.AnalysisException;
import org.sentio.affect.pipeline.AnalysisOptions;
import org.sentio.affect.pipeline.AnalysisPipeline;
import org.sentio.affect.pipeline.AnalysisRequest;
import org.sentio.affect.pipeline.Analyzers;
import org.sentio.affect.pipeline.ComputePath;
import org.sentio.affect.pipeline.MeasuredResult;
import org.sentio.affect.pipeline.ProgressListener;
import org.sentio.affect.pipeline.SpeedLevers;
import org.sentio.affect.pipeline.StageTimes;
import org.sentio.affect.speech.RecognitionStream;
import org.sentio.affect.speech.SpeechRecognizer;
import org.sentio.affect.vad.SileroVad;
import org.sentio.app.store.SessionStore;
import org.sentio.app.store.StoreException;
import org.sentio.capture.media.AudioBlock;
import org.sentio.capture.media.CaptureOptions;
import org.sentio.capture.media.DecodeStats;
import org.sentio.capture.media.MediaException;
import org.sentio.capture.media.MediaListener;
import org.sentio.capture.media.MediaSource;
import org.sentio.runtime.OnnxHost;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sentio bench FILE}: analysis wall time beside FFmpeg's decode-only time of the same file,
 * measured alternately in one run, with their ratio, the real-time factor, the time of each stage,
 * and the process's peak memory. Sessions are saved to a throw-away store only to time the save.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Measure analysis speed on FILE: analysis wall time, decode-only wall time of the same file"
          + " in the same run, their ratio, the real-time factor and the time per stage (medians"
          + " of --repeat runs), and peak resident memory and Java heap."
    })
public final class BenchCommand implements Callable<Integer> {
  static final String SCHEMA = "sentio-bench/1";

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

  @Option(
      names = "--json",
      paramLabel = "FILE",
      description = "Also write the figures as JSON (schema " + SCHEMA + ").")
  Path json;

  @Option(
      names = "--compare-plain",
      description =
          "Also time the plain (unoptimised) path in the same runs, alternating, and print the"
              + " fast path's speed-up.")
  boolean comparePlain;

  @Option(
      names = "--plain-path",
      hidden = true,
      description = "Time the plain path in place of the fast one.")
  boolean plainPath;

  @Option(
      names = "--intra-op-threads",
      paramLabel = "N",
      defaultValue = "0",
      description = "ONNX Runtime threads per inference (default: 0, Sentio's choice).")
  int intraOpThreads;

  @Option(
      names = "--asr",
      paramLabel = "on|off",
      defaultValue = "on",
      description =
          "Recognise the recording's speech as sentio analyze does without a transcript"
              + " (default: ${DEFAULT-VALUE}).")
  String asr;

  @Option(
      names = "--compare-cached",
      description =
          "Instead: time a first analysis filling an empty feature cache against a re-analysis"
              + " reading it (a fresh cache over the same folder, as a new process would), wall"
              + " and CPU time side by side, and check that both give the same windows.")
  boolean compareCached;

  @Option(
      names = "--face-detect-every",
      paramLabel = "N",
      defaultValue = "1",
      description =
          "Run the face detector on every N-th analysed frame and follow the faces by their"
              + " landmarks in between (default: ${DEFAULT-VALUE}, every frame).")
  int faceDetectEvery;

  @Option(
      names = "--reference-frames-only",
      description =
          "Decode only the video pictures other pictures refer to (FFmpeg skip_frame=noref)"
              + " when the video has at least 3 frames per analysed frame.")
  boolean referenceFramesOnly;

  @Option(
      names = "--compare-without-levers",
      description =
          "Also time the analysis without the speed levers given (--face-detect-every,"
              + " --reference-frames-only) in the same runs, alternating, and print the speed-up"
              + " and how far the windows' face and fused readings agree.")
  boolean compareWithoutLevers;

  @Option(
      names = "--compare-speech-alone",
      description =
          "Also time speech recognition alone on the same audio (decoding it and recognising its"
              + " words, nothing else) in the same runs, alternating, and print the analysis's"
              + " time over it.")
  boolean compareSpeechAlone;

  /** One round: decode-only, then the analysis, then (when compared) the plain analysis. */
  private record Round(
      double decodeSeconds,
      StageTimes times,
      double storeSeconds,
      Double plain,
      double decodeCpuSeconds,
      double analysisCpuSeconds,
      Double plainCpu,
      Double speechAlone,
      Double speechAloneCpu) {}

  @Override
  public Integer call() throws Exception {
    if (repeat < 1 || repeat > 50) {
      throw new UserError("--repeat must be between 1 and 50, got " + repeat);
    }
    if (intraOpThreads < 0 || intraOpThreads > 64) {
      throw new UserError("--intra-op-threads must be between 0 and 64, got " + intraOpThreads);
    }
    if (compareSpeechAlone && "off".equalsIgnoreCase(asr)) {
      throw new UserError("--compare-speech-alone needs speech recognition: drop --asr off");
    }
    if (compareWithoutLevers && (comparePlain || plainPath)) {
      throw new UserError(
          "--compare-without-levers excludes --compare-plain and --plain-path: give one");
    }
    if (plainPath && comparePlain) {
      throw new UserError("--plain-path and --compare-plain exclude each other: give one");
    }
    AnalysisOptions options;
    SpeedLevers levers;
    try {
      options = AnalysisOptions.DEFAULT.withFps(fps);
      levers = new SpeedLevers(faceDetectEvery, referenceFramesOnly, 0);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage(), e);
    }
    if (json != null) {
      checkWritable(json);
    }
    if (compareCached) {
      if (plainPath || comparePlain) {
        throw new UserError(
            "--compare-cached times the fast path alone: leave out the plain options");
      }
      return CacheBench.run(this, options);
    }
    OnnxHost host = OnnxHost.start(common.devicePreference(), intraOpThreads);
    List<Round> rounds = new ArrayList<>();
    WindowAgreement agreement = null;
    double duration = 0;
    Path scratch = Files.createTempDirectory("sentio-bench");
    try (Analyzers analyzers = AnalyzeCommand.loadAnalyzers(common, host);
        SessionStore store = openStore(scratch)) {
      AnalysisPipeline pipeline =
          new AnalysisPipeline(analyzers, plainPath ? ComputePath.PLAIN : ComputePath.FAST, levers);
      AnalysisPipeline plain =
          compareWithoutLevers
              ? new AnalysisPipeline(analyzers, ComputePath.FAST, SpeedLevers.NONE)
              : new AnalysisPipeline(analyzers, ComputePath.PLAIN);
      boolean compared = comparePlain || compareWithoutLevers;
      AnalysisRequest request =
          new AnalysisRequest(
              file, null, null, "bench", options, !"off".equalsIgnoreCase(asr), "en");
      for (int i = 0; i < repeat; i++) {
        double cpuStart = processCpuSeconds();
        double decode = decodeOnly().wallSeconds();
        double cpuDecoded = processCpuSeconds();
        MeasuredResult measured = analyse(pipeline, request);
        double cpuAnalysed = processCpuSeconds();
        long storeStart = System.nanoTime();
        store.sessions().save(measured.result());
        double storeSeconds = (System.nanoTime() - storeStart) / 1e9;
        double cpuPlainStart = processCpuSeconds();
        MeasuredResult reference = compared ? analyse(plain, request) : null;
        Double plainSeconds = compared ? reference.times().wallSeconds() : null;
        Double plainCpu = compared ? processCpuSeconds() - cpuPlainStart : null;
        if (compareWithoutLevers && agreement == null) {
          agreement = WindowAgreement.of(measured.result(), reference.result());
        }
        double cpuSpeechStart = processCpuSeconds();
        Double speechAlone = compareSpeechAlone ? speechAlone(analyzers) : null;
        Double speechAloneCpu = compareSpeechAlone ? processCpuSeconds() - cpuSpeechStart : null;
        Round round =
            new Round(
                decode,
                measured.times(),
                storeSeconds,
                plainSeconds,
                cpuDecoded - cpuStart,
                cpuAnalysed - cpuDecoded,
                plainCpu,
                speechAlone,
                speechAloneCpu);
        rounds.add(round);
        duration = measured.result().durationSeconds();
        System.err.printf(
            Locale.ROOT,
            "run %d/%d: decode %.2f s, analysis %.2f s%s%n",
            i + 1,
            repeat,
            decode,
            measured.times().wallSeconds(),
            plainSeconds == null ? "" : String.format(Locale.ROOT, ", plain %.2f s", plainSeconds));
      }
    } finally {
      deleteTree(scratch);
    }
    Map<String, Object> figures = figures(rounds, duration, host);
    if (agreement != null) {
      figures.put("comparedWith", "no levers");
      figures.put("agreement", agreement.figures());
    } else if (comparePlain) {
      figures.put("comparedWith", "plain path");
    }
    print(figures);
    if (json != null) {
      writeJson(figures);
    }
    return 0;
  }

  private Map<String, Object> figures(List<Round> rounds, double duration, OnnxHost host) {
    double analysis = median(rounds, r -> r.times().wallSeconds());
    double decode = median(rounds, Round::decodeSeconds);
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("schema", SCHEMA);
    f.put("file", file.toString());
    f.put("mediaSeconds", duration);
    f.put("path", plainPath ? "plain" : "fast");
    f.put("runs", rounds.size());
    f.put("analysisFps", fps);
    f.put("cores", Runtime.getRuntime().availableProcessors());
    f.put("intraOpThreads", host.intraOpThreads());
    f.put("device", host.providerChoice().describe());
    f.put("faceDetectEvery", faceDetectEvery);
    f.put("referenceFramesOnly", referenceFramesOnly);
    f.put("asr", !"off".equalsIgnoreCase(asr));
    f.put("analysisSeconds", analysis);
    f.put("decodeOnlySeconds", decode);
    f.put("analysisToDecode", analysis / decode);
    double speech = median(rounds, r -> r.times().speechRecognitionSeconds());
    f.put("speechRecognitionSeconds", speech);
    f.put("speechRealTimeFactor", duration > 0 ? speech / duration : 0);
    f.put("realTimeFactor", duration / analysis);
    if (processCpuSeconds() >= 0) {
      double analysisCpu = median(rounds, Round::analysisCpuSeconds);
      double decodeCpu = median(rounds, Round::decodeCpuSeconds);
      f.put("analysisCpuSeconds", analysisCpu);
      f.put("decodeOnlyCpuSeconds", decodeCpu);
      f.put("analysisToDecodeCpu", analysisCpu / decodeCpu);
    }
    f.put("framesAnalysed", rounds.get(0).times().framesAnalysed());
    Map<String, Object> stages = new LinkedHashMap<>();
    stages.put("decode", median(rounds, r -> r.times().decodeSeconds()));
    stages.put("faceDetection", median(rounds, r -> r.times().faceDetectionSeconds()));
    stages.put("expression", median(rounds, r -> r.times().expressionSeconds()));
    stages.put("vad", median(rounds, r -> r.times().vadSeconds()));
    stages.put("voiceFeatures", median(rounds, r -> r.times().voiceFeaturesSeconds()));
    stages.put("text", median(rounds, r -> r.times().textSeconds()));
    stages.put("fusion", median(rounds, r -> r.times().fusionSeconds()));
    stages.put("speechRecognition", median(rounds, r -> r.times().speechRecognitionSeconds()));
    stages.put("store", median(rounds, Round::storeSeconds));
    stages.put("speakerPrints", median(rounds, r -> r.times().speakerPrintSeconds()));
    f.put("decodePasses", rounds.get(0).times().decodePasses());
    f.put("stageSeconds", stages);
    if (comparePlain || compareWithoutLevers) {
      double plain = median(rounds, Round::plain);
      f.put("plainAnalysisSeconds", plain);
      f.put("plainToFast", plain / analysis);
      if (f.containsKey("analysisCpuSeconds")) {
        double plainCpu = median(rounds, Round::plainCpu);
        f.put("plainAnalysisCpuSeconds", plainCpu);
        f.put("plainToFastCpu", plainCpu / (double) f.get("analysisCpuSeconds"));
      }
    }
    if (compareSpeechAlone) {
      double alone = median(rounds, Round::speechAlone);
      f.put("speechAloneSeconds", alone);
      if (f.containsKey("analysisCpuSeconds")) {
        double aloneCpu = median(rounds, Round::speechAloneCpu);
        f.put("speechAloneCpuSeconds", aloneCpu);
        f.put("analysisToSpeechAloneCpu", (double) f.get("analysisCpuSeconds") / aloneCpu);
      }
      f.put("analysisToSpeechAlone", analysis / alone);
    }
    List<Map<String, Object>> each = new ArrayList<>();
    for (Round r : rounds) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("decodeOnlySeconds", r.decodeSeconds());
      one.put("analysisSeconds", r.times().wallSeconds());
      one.put("decodeOnlyCpuSeconds", r.decodeCpuSeconds());
      one.put("analysisCpuSeconds", r.analysisCpuSeconds());
      if (r.plain() != null) {
        one.put("plainAnalysisSeconds", r.plain());
        one.put("plainAnalysisCpuSeconds", r.plainCpu());
      }
      each.add(one);
    }
    f.put("eachRun", each);
    OptionalLong rss = peakRssKib();
    f.put("peakRssMiB", rss.isPresent() ? rss.getAsLong() / 1024.0 : null);
    f.put("peakHeapMiB", peakHeapBytes() / (1024.0 * 1024.0));
    return f;
  }

  private static void print(Map<String, Object> f) {
    row(
        "file",
        String.format(Locale.ROOT, "%s (%.1f s of media)", f.get("file"), f.get("mediaSeconds")));
    row(
        "runs",
        String.format(
            Locale.ROOT,
            "%d of each, alternating; medians; %s path; %d cores; intra-op threads %d",
            f.get("runs"),
            f.get("path"),
            f.get("cores"),
            f.get("intraOpThreads")));
    row("device", f.get("device"));
    row(
        "levers",
        String.format(
            Locale.ROOT,
            "face detector every %d frame(s); %s; speech recognition %s",
            f.get("faceDetectEvery"),
            Boolean.TRUE.equals(f.get("referenceFramesOnly"))
                ? "reference pictures decoded only"
                : "every picture decoded",
            Boolean.TRUE.equals(f.get("asr")) ? "on" : "off"));
    row("analysis wall time", seconds(f.get("analysisSeconds")));
    row("decode-only time", seconds(f.get("decodeOnlySeconds")));
    row("analysis / decode", String.format(Locale.ROOT, "%.2f", f.get("analysisToDecode")));
    row(
        "real-time factor",
        String.format(
            Locale.ROOT, "%.1f× (media seconds per wall second)", f.get("realTimeFactor")));
    if (f.containsKey("analysisToDecodeCpu")) {
      row(
          "CPU time",
          String.format(
              Locale.ROOT,
              "analysis %.2f s, decode-only %.2f s, ratio %.2f (all threads; steadier than wall"
                  + " time on a shared machine)",
              f.get("analysisCpuSeconds"),
              f.get("decodeOnlyCpuSeconds"),
              f.get("analysisToDecodeCpu")));
    }
    if (f.containsKey("agreement")) {
      row("without levers", seconds(f.get("plainAnalysisSeconds")));
      row("without / with", String.format(Locale.ROOT, "%.2f", f.get("plainToFast")));
      if (f.containsKey("plainToFastCpu")) {
        row(
            "without / with, CPU",
            String.format(
                Locale.ROOT,
                "%.2f (without %.2f s)",
                f.get("plainToFastCpu"),
                f.get("plainAnalysisCpuSeconds")));
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> agreement = (Map<String, Object>) f.get("agreement");
      row(
          "agreement",
          String.format(
              Locale.ROOT,
              "face present in both or neither %.1f %% of %d windows; face top emotion %.1f %%,"
                  + " mean |Δp| %.4f over %d windows with a face in both; fused top emotion %.1f %%",
              agreement.get("facePresencePercent"),
              agreement.get("windows"),
              agreement.get("faceTopPercent"),
              agreement.get("faceMeanAbsDifference"),
              agreement.get("faceWindowsBoth"),
              agreement.get("fusedTopPercent")));
    } else if (f.containsKey("plainToFast")) {
      row("plain path", seconds(f.get("plainAnalysisSeconds")));
      row("plain / fast", String.format(Locale.ROOT, "%.2f", f.get("plainToFast")));
      if (f.containsKey("plainToFastCpu")) {
        row(
            "plain / fast, CPU",
            String.format(
                Locale.ROOT,
                "%.2f (plain %.2f s)",
                f.get("plainToFastCpu"),
                f.get("plainAnalysisCpuSeconds")));
      }
    }
    if (f.containsKey("speechAloneSeconds")) {
      row("speech alone", seconds(f.get("speechAloneSeconds")) + " (decode + recognition only)");
      row("analysis / speech", String.format(Locale.ROOT, "%.2f", f.get("analysisToSpeechAlone")));
      if (f.containsKey("speechAloneCpuSeconds")) {
        row(
            "speech alone, CPU",
            String.format(
                Locale.ROOT,
                "%.2f s; analysis / speech alone, CPU %.2f",
                f.get("speechAloneCpuSeconds"),
                f.get("analysisToSpeechAloneCpu")));
      }
      row("decoding passes", f.get("decodePasses"));
    }
    row("frames analysed", f.get("framesAnalysed"));
    System.out.println("time per stage (thread seconds; face runs beside decode and audio):");
    @SuppressWarnings("unchecked")
    Map<String, Object> stages = (Map<String, Object>) f.get("stageSeconds");
    stages.forEach((stage, value) -> row("  " + stage, seconds(value)));
    Object rss = f.get("peakRssMiB");
    row(
        "peak RSS",
        rss == null ? "not measured (no /proc)" : String.format(Locale.ROOT, "%.0f MiB", rss));
    row("peak Java heap", String.format(Locale.ROOT, "%.0f MiB", f.get("peakHeapMiB")));
  }

  private static void row(String label, Object value) {
    System.out.printf(Locale.ROOT, "%-21s%s%n", label, value);
  }

  private static String seconds(Object value) {
    return String.format(Locale.ROOT, "%.2f s", value);
  }

  private void writeJson(Map<String, Object> figures) throws UserError {
    try {
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .writeValue(json.toFile(), figures);
    } catch (IOException e) {
      throw new UserError(json + ": cannot write the JSON figures (" + e.getMessage() + ")", e);
    }
  }

  private static void checkWritable(Path target) throws UserError {
    Path parent = target.toAbsolutePath().getParent();
    if (Files.isDirectory(target)) {
      throw new UserError(target + ": is a folder; give a file name for --json");
    }
    if (parent == null || !Files.isDirectory(parent)) {
      throw new UserError(target + ": its folder does not exist; create it or give another path");
    }
    if (!Files.isWritable(parent)) {
      throw new UserError(target + ": its folder is not writable; give another path for --json");
    }
  }

  private static SessionStore openStore(Path scratch) throws UserError {
    try {
      return SessionStore.open(scratch);
    } catch (StoreException e) {
      throw new UserError(e.getMessage(), e);
    }
  }

  private DecodeStats decodeOnly() throws UserError {
    try {
      return MediaSource.decodeOnly(file);
    } catch (MediaException e) {
      throw new UserError(e.getMessage(), e);
    }
  }

  /**
   * Wall seconds of speech recognition alone: the file's audio decoded as the analysis decodes it
   * and fed to a fresh recognition stream, with no other analyzer.
   */
  private double speechAlone(Analyzers analyzers) throws Exception {
    SpeechRecognizer recognizer =
        analyzers
            .recognizer("en")
            .orElseThrow(
                () ->
                    new UserError(
                        "--compare-speech-alone: no English speech model is installed; build the"
                            + " project (it unpacks resources/models/asr-en) or drop the option"));
    long start = System.nanoTime();
    try (MediaSource source =
            MediaSource.open(
                file,
                new CaptureOptions(AnalysisOptions.DEFAULT.analysisFps(), SileroVad.SAMPLE_RATE));
        RecognitionStream stream = recognizer.newStream(SileroVad.SAMPLE_RATE)) {
      source.stream(
          new MediaListener() {
            @Override
            public void onAudio(AudioBlock block) {
              stream.accept(block.samples());
            }
          },
          () -> false);
      stream.finish();
    } catch (MediaException e) {
      throw new UserError(e.getMessage(), e);
    }
    return (System.nanoTime() - start) / 1e9;
  }

  private static MeasuredResult analyse(AnalysisPipeline pipeline, AnalysisRequest request)
      throws UserError, AnalysisException {
    try {
      return pipeline.analyseMeasured(request, ProgressListener.NONE, () -> false);
    } catch (AnalysisException e) {
      if (e.isBadInput()) {
        throw new UserError(e.getMessage(), e);
      }
      throw e;
    }
  }

  /** The process's peak resident set (VmHWM) in KiB, where the system reports it. */
  static OptionalLong peakRssKib() {
    Path status = Path.of("/proc/self/status");
    if (!Files.isReadable(status)) {
      return OptionalLong.empty();
    }
    try (Stream<String> lines = Files.lines(status)) {
      return lines
          .filter(line -> line.startsWith("VmHWM:"))
          .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
          .findFirst();
    } catch (IOException | NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /**
   * CPU seconds this process has used on all its threads, native ones included (from {@code
   * /proc/self/stat}, in the kernel's 100 Hz ticks), or -1 where the system does not tell.
   */
  static double processCpuSeconds() {
    Path stat = Path.of("/proc/self/stat");
    if (!Files.isReadable(stat)) {
      return -1;
    }
    try {
      String line = Files.readString(stat);
      // Fields after the parenthesised command name, which may itself hold spaces.
      String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
      return ticks / 100.0;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** The sum of every heap pool's peak use since the JVM started. */
  static long peakHeapBytes() {
    long total = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        total += pool.getPeakUsage().getUsed();
      }
    }
    return total;
  }

  static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted((a, b) -> b.compareTo(a)).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static double median(List<Round> rounds, ToDoubleFunction<Round> value) {
    return median(rounds.stream().mapToDouble(value).toArray());
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
