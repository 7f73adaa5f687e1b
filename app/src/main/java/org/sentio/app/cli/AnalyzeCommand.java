package org.sentio.app.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.sentio.affect.cache.CacheStats;
import org.sentio.affect.cache.FeatureCache;
import org.sentio.affect.face.FaceAnalyzer;
import org.sentio.affect.face.FaceObservation;
import org.sentio.affect.pipeline.AnalysisException;
import org.sentio.affect.pipeline.AnalysisOptions;
import org.sentio.affect.pipeline.AnalysisPipeline;
import org.sentio.affect.pipeline.AnalysisRequest;
import org.sentio.affect.pipeline.Analyzers;
import org.sentio.affect.pipeline.ComputePath;
import org.sentio.affect.pipeline.ProgressListener;
import org.sentio.affect.pipeline.SessionResult;
import org.sentio.affect.pipeline.SpeedLevers;
import org.sentio.affect.speech.SpeechModels;
import org.sentio.app.CacheSettings;
import org.sentio.app.SpeechSettings;
import org.sentio.app.store.SessionStore;
import org.sentio.capture.media.MediaException;
import org.sentio.capture.media.MediaSource;
import org.sentio.capture.media.StillImage;
import org.sentio.capture.media.VideoFrame;
import org.sentio.reports.Format;
import org.sentio.reports.Reports;
import org.sentio.runtime.ModelException;
import org.sentio.runtime.OnnxHost;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sentio analyze}: analyse recordings and transcripts, store them and write results. */
@Command(
    name = "analyze",
    aliases = "analyse",
    mixinStandardHelpOptions = true,
    description = {
      "Analyse recordings (any format FFmpeg reads), transcripts (.srt, .vtt, .txt) or typed"
          + " text: how the person felt by face, voice and words, window by window, fused.",
      "Each media file becomes one stored session; results are written to --out as JSON and CSV.",
      "A photograph (.png, .jpg, …) is not stored: its faces are printed with their expressions."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:analysed", "1:internal error", "2:bad input (the message names it)"})
public final class AnalyzeCommand implements Callable<Integer> {
  private static final Set<String> TRANSCRIPT_EXTENSIONS = Set.of("srt", "vtt", "txt");
  private static final int MAX_JOBS = 64;

  @Mixin CommonOptions common;

  @Parameters(paramLabel = "FILE", arity = "0..*", description = "Media files or transcripts.")
  List<Path> files = new ArrayList<>();

  @Option(names = "--transcript", paramLabel = "FILE", description = "Transcript of the media.")
  Path transcript;

  @Option(names = "--text", paramLabel = "TEXT", description = "Text to read, one line each.")
  String text;

  @Option(
      names = "--title",
      paramLabel = "TITLE",
      description = "Session title (default: file name).")
  String title;

  @Option(
      names = "--fps",
      paramLabel = "N",
      defaultValue = "5",
      description = "Video frames analysed per second (default: ${DEFAULT-VALUE}).")
  double fps;

  @Option(
      names = "--window",
      paramLabel = "S",
      defaultValue = "1.0",
      description =
          "Window length in seconds; windows start every S/2 (default: ${DEFAULT-VALUE}).")
  double window;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = ".",
      description = "Folder for the result files (default: the current folder).")
  Path out;

  @Option(
      names = "--format",
      paramLabel = "FMT",
      split = ",",
      defaultValue = "json,csv",
      description = "Result files to write: json, csv (default: ${DEFAULT-VALUE}).")
  List<String> formats;

  @Option(names = "--quiet", description = "No progress line.")
  boolean quiet;

  @Option(names = "--windows", description = "Also print every window's readings.")
  boolean printWindows;

  @Option(
      names = "--asr",
      paramLabel = "on|off",
      defaultValue = "on",
      description =
          "Recognise the words spoken when a recording has no transcript (default:"
              + " ${DEFAULT-VALUE}); a given --transcript or --text always wins.")
  String asr;

  @Option(
      names = "--lang",
      paramLabel = "LANG",
      description =
          "Language spoken (en, zh, …), which picks the speech model (default: language in"
              + " speech.properties in the data folder, else en).")
  String language;

  @Option(
      names = "--speakers",
      paramLabel = "N",
      description =
          "How many people speak in the recording (1 to 4), when words are recognised (default:"
              + " decided from the voices, at most 4).")
  String speakers;

  @Option(
      names = "--cache",
      paramLabel = "on|off",
      defaultValue = "on",
      description =
          "Reuse and keep the faces, voice and words computed for a recording in the feature"
              + " cache (default: ${DEFAULT-VALUE}; its size is set by 'sentio cache size').")
  String cache;

  @Option(
      names = "--jobs",
      paramLabel = "N",
      defaultValue = "1",
      description =
          "Files analysed at once (default: ${DEFAULT-VALUE}; 0: one per core). Each file then"
              + " decodes with a share of the cores and every model runs on its caller's thread, so"
              + " the jobs do not oversubscribe the machine.")
  int jobs;

  @Option(
      names = "--face-detect-every",
      paramLabel = "N",
      defaultValue = "1",
      description =
          "Run the face detector on every N-th analysed frame and follow the faces by their"
              + " landmarks in between (default: ${DEFAULT-VALUE}, every frame; faster, see"
              + " docs/performance.md for the accuracy).")
  int faceDetectEvery;

  @Option(
      names = "--reference-frames-only",
      description =
          "Decode only the video pictures other pictures refer to (faster when few frames are"
              + " analysed; an analysed frame may then be a few frames after its tick).")
  boolean referenceFramesOnly;

  @Override
  public Integer call() throws Exception {
    AnalysisOptions options = options();
    boolean useCache = onOff("--cache", cache);
    int parallel = parallelJobs();
    SpeedLevers levers = levers(parallel);
    boolean recognise = recognition();
    Set<Format> wanted = formats();
    List<Path> images = files.stream().filter(StillImage::isStillImage).toList();
    files.removeAll(images);
    List<AnalysisRequest> requests =
        images.isEmpty() || !files.isEmpty() ? requests(options, recognise) : List.of();
    refuseWhenNothingCanBeRead(images, requests);
    if (!requests.isEmpty()) {
      OutputFolder.prepare(out);
    }

    // Several jobs at once: one intra-op thread per inference, run on the job's own thread.
    OnnxHost host = OnnxHost.start(common.devicePreference(), parallel > 1 ? 1 : 0);
    System.err.println(host.providerChoice().describe());
    try (Analyzers analyzers = loadAnalyzers(common, host)) {
      for (Path image : images) {
        describeFaces(analyzers, image);
      }
      if (!requests.isEmpty()) {
        try (SessionStore store = common.openStore();
            FeatureCache features =
                useCache
                    ? CacheSettings.load(common.dataDirectory())
                        .open(
                            common.dataDirectory(), line -> System.err.println("warning: " + line))
                    : FeatureCache.off()) {
          AnalysisPipeline pipeline =
              new AnalysisPipeline(analyzers, ComputePath.FAST, levers, features);
          if (parallel > 1 && requests.size() > 1) {
            analyseConcurrently(
                analyzers, host, levers, features, store, requests, wanted, parallel);
          } else {
            for (AnalysisRequest request : requests) {
              CacheStats before = features.processStats();
              analyseOne(pipeline, store, request, wanted);
              if (features.enabled() && !quiet) {
                System.err.println(FeatureCacheLine.of(before, features.processStats()));
              }
            }
          }
        }
      }
    }
    return 0;
  }

  /**
   * Loading the models takes seconds; when not one of the given files can be read there is nothing
   * to load them for. When only some cannot be read, the others are analysed and the unreadable
   * ones are named at the end, as before.
   */
  private static void refuseWhenNothingCanBeRead(List<Path> images, List<AnalysisRequest> requests)
      throws UserError {
    List<Path> given = new ArrayList<>(images);
    for (AnalysisRequest request : requests) {
      if (request.media() == null) {
        return;
      }
      given.add(request.media());
    }
    List<String> problems = new ArrayList<>();
    for (Path file : given) {
      try {
        MediaSource.checkReadable(file);
        return;
      } catch (MediaException e) {
        problems.add(e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new UserError(
          String.join("; ", problems)
              + "; check the path and name (nothing was analysed or stored)");
    }
  }

  /** A photograph is not a session: its faces are printed, nothing is stored. */
  private static void describeFaces(Analyzers analyzers, Path image) throws Exception {
    VideoFrame frame;
    try {
      frame = StillImage.read(image);
    } catch (MediaException e) {
      throw new UserError(e.getMessage(), e);
    }
    List<FaceObservation> faces;
    try (FaceAnalyzer analyzer = analyzers.newFaceAnalyzer()) {
      faces = analyzer.analyze(frame.width(), frame.height(), frame.bgr());
    }
    SessionPrinter.faces(image, frame.width(), frame.height(), faces, System.out);
  }

  static Analyzers loadAnalyzers(CommonOptions common, OnnxHost host) throws UserError {
    try {
      return Analyzers.load(
          common.registry(), host, List.of(SpeechSettings.userModels(common.dataDirectory())));
    } catch (ModelException e) {
      throw new UserError(e.getMessage(), e);
    }
  }

  private void analyseOne(
      AnalysisPipeline pipeline, SessionStore store, AnalysisRequest request, Set<Format> wanted)
      throws Exception {
    ProgressLine progress = ProgressLine.onStderr(request.title());
    SessionResult result;
    try {
      result = pipeline.analyse(request, quiet ? (d, t, s) -> {} : progress, () -> false);
    } catch (AnalysisException e) {
      progress.finish();
      if (e.isBadInput()) {
        throw new UserError(e.getMessage(), e);
      }
      store.sessions().saveFailed(request.title(), request.options(), e.getMessage());
      throw e;
    }
    progress.finish();
    saveAndPrint(store, result, wanted);
  }

  private void saveAndPrint(SessionStore store, SessionResult result, Set<Format> wanted)
      throws Exception {
    long id = store.sessions().save(result);
    SessionPrinter.summary(id, result, System.out);
    if (printWindows) {
      SessionPrinter.windows(result, System.out);
    }
    List<Path> written = write(id, result, wanted);
    if (!written.isEmpty()) {
      System.out.println(
          "  wrote " + String.join(", ", written.stream().map(Path::toString).toList()));
    }
  }

  /** The number of files analysed at once: --jobs, 0 meaning one per core. */
  private int parallelJobs() throws UserError {
    if (jobs < 0 || jobs > MAX_JOBS) {
      throw new UserError(
          "--jobs: give a number from 1 to " + MAX_JOBS + " (or 0: one per core), not " + jobs);
    }
    return jobs == 0 ? Runtime.getRuntime().availableProcessors() : jobs;
  }

  /**
   * The speed levers asked for; with several jobs each file's decoder gets its share of the cores
   * rather than FFmpeg's default of one thread per core.
   */
  private SpeedLevers levers(int parallel) throws UserError {
    int cores = Runtime.getRuntime().availableProcessors();
    try {
      return new SpeedLevers(
          faceDetectEvery, referenceFramesOnly, parallel > 1 ? Math.max(1, cores / parallel) : 0);
    } catch (IllegalArgumentException e) {
      throw new UserError("--face-detect-every: " + e.getMessage(), e);
    }
  }

  /**
   * Analyses the requests {@code parallel} at a time; results are saved, printed and written in the
   * order the files were given, on this thread, so the store sees one writer. A file that fails is
   * one line on stderr and does not stop the others; the exit code then says the worst failure.
   */
  private void analyseConcurrently(
      Analyzers first,
      OnnxHost host,
      SpeedLevers levers,
      FeatureCache features,
      SessionStore store,
      List<AnalysisRequest> requests,
      Set<Format> wanted,
      int parallel)
      throws Exception {
    // One Analyzers per running job: the fusion model keeps per-session state (as in the Spark
    // job's ExecutorModels); the first is the one already loaded, the others load on demand.
    ConcurrentLinkedDeque<Analyzers> idle = new ConcurrentLinkedDeque<>(List.of(first));
    List<Analyzers> loaded = new CopyOnWriteArrayList<>();
    AtomicInteger started = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(parallel, requests.size()),
            task -> {
              Thread thread = new Thread(task, "sentio-job-" + started.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    if (!quiet) {
      System.err.printf(
          Locale.ROOT, "analysing %d files, %d at a time%n", requests.size(), parallel);
    }
    List<String> badInput = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    try {
      List<Future<SessionResult>> results = new ArrayList<>();
      for (AnalysisRequest request : requests) {
        results.add(
            pool.submit(
                () -> {
                  Analyzers lent = idle.pollFirst();
                  if (lent == null) {
                    lent = loadAnalyzers(common, host);
                    loaded.add(lent);
                  }
                  try {
                    return new AnalysisPipeline(lent, ComputePath.FAST, levers, features)
                        .analyse(request, ProgressListener.NONE, () -> false);
                  } finally {
                    idle.addFirst(lent);
                  }
                }));
      }
      for (int i = 0; i < requests.size(); i++) {
        AnalysisRequest request = requests.get(i);
        SessionResult result;
        try {
          result = results.get(i).get();
        } catch (ExecutionException e) {
          String reason = e.getCause().getMessage();
          System.err.println(request.title() + ": not analysed: " + reason);
          if (e.getCause() instanceof AnalysisException failure && failure.isBadInput()) {
            badInput.add(request.title());
          } else {
            store.sessions().saveFailed(request.title(), request.options(), reason);
            failed.add(request.title());
          }
          continue;
        }
        saveAndPrint(store, result, wanted);
      }
    } finally {
      pool.shutdownNow();
      pool.awaitTermination(1, TimeUnit.MINUTES);
      for (Analyzers extra : loaded) {
        extra.close();
      }
    }
    if (!failed.isEmpty()) {
      throw AnalysisException.internal(
          failed.size() + " of " + requests.size() + " files failed: " + String.join(", ", failed),
          null);
    }
    if (!badInput.isEmpty()) {
      throw new UserError(
          badInput.size()
              + " of "
              + requests.size()
              + " files could not be read ("
              + String.join(", ", badInput)
              + "); the others are stored; their reasons are above");
    }
  }

  private AnalysisOptions options() throws UserError {
    try {
      return AnalysisOptions.DEFAULT.withFps(fps).withWindow(window);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage(), e);
    }
  }

  private boolean recognition() throws UserError {
    return switch (asr.strip().toLowerCase(Locale.ROOT)) {
      case "on" -> true;
      case "off" -> false;
      default -> throw new UserError("--asr: say on or off, not '" + asr + "'");
    };
  }

  private static boolean onOff(String option, String value) throws UserError {
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "on" -> true;
      case "off" -> false;
      default -> throw new UserError(option + ": say on or off, not '" + value + "'");
    };
  }

  /** The number of speakers asked for, or 0 to decide from the voices. */
  private int speakerCount() throws UserError {
    if (speakers == null) {
      return 0;
    }
    String given = speakers.strip();
    if (given.matches("[1-9]") && Integer.parseInt(given) <= AnalysisRequest.MAX_SPEAKERS) {
      return Integer.parseInt(given);
    }
    throw new UserError(
        "--speakers: give a number from 1 to "
            + AnalysisRequest.MAX_SPEAKERS
            + ", not '"
            + speakers
            + "'; leave it out to decide from the voices");
  }

  private String spokenLanguage() throws UserError {
    if (language == null) {
      return SpeechSettings.load(common.dataDirectory()).language();
    }
    String primary = SpeechModels.normalise(language);
    if (!primary.matches("[a-z]{2,3}")) {
      throw new UserError("--lang: give a language code such as en or zh, not '" + language + "'");
    }
    return primary;
  }

  private Set<Format> formats() throws UserError {
    try {
      return Format.parseList(String.join(",", formats), EnumSet.of(Format.JSON, Format.CSV));
    } catch (IllegalArgumentException e) {
      throw new UserError("--format: " + e.getMessage(), e);
    }
  }

  /** One request per media file; a lone transcript or text makes a text-only session. */
  private List<AnalysisRequest> requests(AnalysisOptions options, boolean recognise)
      throws UserError {
    String spoken = spokenLanguage();
    int speakerCount = speakerCount();
    if (transcript != null && text != null) {
      throw new UserError("give either --transcript or --text, not both");
    }
    List<Path> media = new ArrayList<>();
    Path transcriptFile = transcript;
    for (Path file : files) {
      if (TRANSCRIPT_EXTENSIONS.contains(extension(file)) && transcriptFile == null) {
        transcriptFile = file;
      } else {
        media.add(file);
      }
    }
    boolean hasText = transcriptFile != null || text != null;
    if (media.isEmpty() && !hasText) {
      throw new UserError(
          "nothing to analyse: give a media file, --transcript FILE or --text TEXT");
    }
    if (media.size() > 1 && hasText) {
      throw new UserError("a transcript or --text goes with one media file, not " + media.size());
    }
    List<AnalysisRequest> requests = new ArrayList<>();
    if (media.isEmpty()) {
      requests.add(
          new AnalysisRequest(
              null,
              transcriptFile,
              text,
              titleFor(transcriptFile),
              options,
              recognise,
              spoken,
              speakerCount));
    }
    for (Path file : media) {
      requests.add(
          new AnalysisRequest(
              file,
              transcriptFile,
              text,
              titleFor(file),
              options,
              recognise,
              spoken,
              speakerCount));
    }
    return requests;
  }

  private String titleFor(Path file) {
    if (title != null && !title.isBlank()) {
      return title;
    }
    return file == null ? "typed text" : file.getFileName().toString();
  }

  private static String extension(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  private List<Path> write(long id, SessionResult result, Set<Format> wanted) throws UserError {
    try {
      return Reports.write(id, result, wanted, out);
    } catch (IOException e) {
      throw new UserError(
          out.toAbsolutePath()
              + ": cannot write results ("
              + OutputFolder.reason(e)
              + "); the session is stored as "
              + id
              + ": use sentio sessions show "
              + id,
          e);
    }
  }
}
