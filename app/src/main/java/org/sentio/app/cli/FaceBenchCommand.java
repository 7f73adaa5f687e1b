package org.sentio.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sentio.affect.face.ExpressionClassifier;
import org.sentio.affect.face.FaceAnalyzer;
import org.sentio.runtime.ModelException;
import org.sentio.runtime.OnnxHost;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sentio bench-faces --raw FRAMES.bgr --size WxH}: frames per second of the face path
 * (detection, FaceMesh check, tracking, alignment, expression) on raw bgr24 frames, the same file
 * the peer benchmark ({@code tools/peer-human}) reads, so that the two can be compared.
 */
@Command(
    name = "bench-faces",
    mixinStandardHelpOptions = true,
    description = {
      "Measure the face path's frames per second on raw bgr24 frames (as written by ffmpeg -i VIDEO"
          + " -vf fps=5 -pix_fmt bgr24 -f rawvideo FRAMES.bgr): median of --repeat timed passes"
          + " after a warm-up. scripts/bench-peer.sh runs it beside @vladmandic/human."
    })
public final class FaceBenchCommand implements Callable<Integer> {
  private static final Pattern SIZE = Pattern.compile("(\\d{1,5})x(\\d{1,5})");

  @Mixin CommonOptions common;

  @Option(
      names = "--raw",
      required = true,
      paramLabel = "FILE",
      description = "Raw bgr24 frames, one after another, no header.")
  Path raw;

  @Option(
      names = "--size",
      required = true,
      paramLabel = "WxH",
      description = "Width and height of every frame, e.g. 1280x720.")
  String size;

  @Option(
      names = "--repeat",
      paramLabel = "N",
      defaultValue = "3",
      description = "Timed passes over all frames (default: ${DEFAULT-VALUE}).")
  int repeat;

  @Option(
      names = "--warmup",
      paramLabel = "N",
      defaultValue = "5",
      description = "Frames analysed before timing starts (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(
      names = "--threads",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "ONNX Runtime intra-op threads; 0 takes Sentio's default (a quarter of the cores, at"
              + " least one), as sentio analyze does"
              + " (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON.")
  Path json;

  @Option(
      names = "--expression-model",
      paramLabel = "NAME",
      defaultValue = ExpressionClassifier.DEFAULT,
      description =
          "The expression model to time (face-expression, face-expression-faceapi, face-expression-head,"
              + " face-expression-ensemble, face-expression-blend; default: ${DEFAULT-VALUE}).")
  String expressionModel;

  /** What one run measured; written as JSON with the same field names as the peer's. */
  record Summary(
      String tool,
      String sentioVersion,
      String backend,
      String provider,
      int intraOpThreads,
      int cpuCores,
      int frames,
      int width,
      int height,
      int repeat,
      int warmupFrames,
      int facesFound,
      int framesWithFace,
      double seconds,
      double[] secondsPerPass,
      double framesPerSecond,
      double cpuSecondsPerFrame) {}

  /**
   * One timed pass over every frame. CPU seconds are the whole process's, summed over the same
   * spans as the wall time: on a busy machine they say what the work costs whatever the share of
   * the cores it got.
   */
  private record Pass(double seconds, double cpuSeconds, int faces, int framesWithFace) {}

  @Override
  public Integer call() throws Exception {
    if (repeat < 1 || repeat > 50) {
      throw new UserError("--repeat must be between 1 and 50, got " + repeat);
    }
    if (warmup < 0) {
      throw new UserError("--warmup must be 0 or more, got " + warmup);
    }
    if (threads < 0) {
      throw new UserError("--threads must be 0 (Sentio's default) or more, got " + threads);
    }
    int[] dimensions = parseSize(size);
    int width = dimensions[0];
    int height = dimensions[1];
    int frameBytes = width * height * 3;
    int frameCount = countFrames(raw, width, height, frameBytes);

    OnnxHost host = OnnxHost.start(common.devicePreference(), threads);
    Pass[] passes = new Pass[repeat];
    try (FaceAnalyzer analyzer = openAnalyzer(host)) {
      byte[] frame = new byte[frameBytes];
      try (InputStream in = Files.newInputStream(raw)) {
        for (int i = 0; i < Math.min(warmup, frameCount); i++) {
          readFrame(in, frame, i);
          analyzer.analyze(width, height, frame);
        }
      }
      for (int p = 0; p < repeat; p++) {
        passes[p] = timePass(analyzer, frame, width, height, frameCount);
        System.err.printf(
            Locale.ROOT,
            "sentio pass %d/%d: %d frames in %.2f s (%.2f frames/s), faces on %d%n",
            p + 1,
            repeat,
            frameCount,
            passes[p].seconds(),
            frameCount / passes[p].seconds(),
            passes[p].framesWithFace());
      }
    }
    double[] perPass = Arrays.stream(passes).mapToDouble(Pass::seconds).toArray();
    double seconds = BenchCommand.median(perPass);
    Summary summary =
        new Summary(
            "sentio",
            new SentioCommand.Version().getVersion()[0],
            "ONNX Runtime",
            host.providerChoice().provider().displayName(),
            host.intraOpThreads(),
            Runtime.getRuntime().availableProcessors(),
            frameCount,
            width,
            height,
            repeat,
            Math.min(warmup, frameCount),
            passes[0].faces(),
            passes[0].framesWithFace(),
            seconds,
            perPass,
            frameCount / seconds,
            BenchCommand.median(Arrays.stream(passes).mapToDouble(Pass::cpuSeconds).toArray())
                / frameCount);
    print(summary, host);
    if (json != null) {
      writeJson(summary);
    }
    return 0;
  }

  static int[] parseSize(String text) throws UserError {
    Matcher m = SIZE.matcher(text.strip());
    if (!m.matches()) {
      throw new UserError("--size must be WIDTHxHEIGHT such as 1280x720, got '" + text + "'");
    }
    int width = Integer.parseInt(m.group(1));
    int height = Integer.parseInt(m.group(2));
    if (width < 1 || height < 1 || (long) width * height * 3 > Integer.MAX_VALUE) {
      throw new UserError(
          "--size "
              + text
              + " is not a usable frame size (each side 1 or more, under 2 GB a frame)");
    }
    return new int[] {width, height};
  }

  private static int countFrames(Path raw, int width, int height, int frameBytes) throws UserError {
    long length;
    try {
      length = Files.size(raw);
    } catch (NoSuchFileException e) {
      throw new UserError(
          raw
              + ": no such file (write one with: ffmpeg -i VIDEO -vf fps=5 -pix_fmt bgr24"
              + " -f rawvideo "
              + raw
              + ")",
          e);
    } catch (IOException e) {
      throw new UserError(raw + ": cannot read it (" + e.getMessage() + ")", e);
    }
    if (Files.isDirectory(raw)) {
      throw new UserError(raw + ": is a folder, not a file of raw frames");
    }
    if (length == 0 || length % frameBytes != 0) {
      throw new UserError(
          String.format(
              Locale.ROOT,
              "%s: %d bytes is not a whole number of %dx%d bgr24 frames (%d bytes each);"
                  + " check --size against the video's size",
              raw,
              length,
              width,
              height,
              frameBytes));
    }
    if (length / frameBytes > Integer.MAX_VALUE) {
      throw new UserError(raw + ": too many frames for one benchmark; cut the video shorter");
    }
    return (int) (length / frameBytes);
  }

  private FaceAnalyzer openAnalyzer(OnnxHost host) throws UserError {
    try {
      return FaceAnalyzer.open(
          host, common.registry(), FaceAnalyzer.Preprocessing.FROM_BYTES, expressionModel);
    } catch (ModelException e) {
      throw new UserError(e.getMessage(), e);
    }
  }

  /** Reads the file frame by frame into one reused buffer; only the analysis is timed. */
  private Pass timePass(FaceAnalyzer analyzer, byte[] frame, int width, int height, int frameCount)
      throws IOException, UserError, ModelException {
    long nanos = 0;
    long cpuNanos = 0;
    int faces = 0;
    int framesWithFace = 0;
    try (InputStream in = Files.newInputStream(raw)) {
      for (int i = 0; i < frameCount; i++) {
        readFrame(in, frame, i);
        long cpuStart = processCpuNanos();
        long start = System.nanoTime();
        int found = analyzer.analyze(width, height, frame).size();
        nanos += System.nanoTime() - start;
        cpuNanos += processCpuNanos() - cpuStart;
        faces += found;
        if (found > 0) {
          framesWithFace++;
        }
      }
    }
    return new Pass(nanos / 1e9, cpuNanos / 1e9, faces, framesWithFace);
  }

  /** The process's CPU time so far; 0 where the platform does not tell (the figure is then 0). */
  private static long processCpuNanos() {
    return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
  }

  private void readFrame(InputStream in, byte[] frame, int index) throws IOException, UserError {
    if (in.readNBytes(frame, 0, frame.length) != frame.length) {
      throw new UserError(raw + ": ended part-way through frame " + (index + 1) + "; was it cut?");
    }
  }

  private static void print(Summary s, OnnxHost host) {
    System.out.println("Sentio face path on " + host.providerChoice().describe());
    System.out.printf(
        Locale.ROOT, "intra-op threads  %d (%d cores)%n", s.intraOpThreads(), s.cpuCores());
    System.out.printf(
        Locale.ROOT,
        "frames            %d (%dx%d), %d passes after %d warm-up frames%n",
        s.frames(),
        s.width(),
        s.height(),
        s.repeat(),
        s.warmupFrames());
    System.out.printf(Locale.ROOT, "seconds (median)  %.3f%n", s.seconds());
    System.out.printf(Locale.ROOT, "frames/s          %.2f%n", s.framesPerSecond());
    System.out.printf(Locale.ROOT, "CPU s per frame   %.4f%n", s.cpuSecondsPerFrame());
    System.out.printf(
        Locale.ROOT,
        "faces found       %d (on %d of %d frames)%n",
        s.facesFound(),
        s.framesWithFace(),
        s.frames());
  }

  private void writeJson(Summary summary) throws UserError {
    try {
      Path parent = json.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .writeValue(json.toFile(), summary);
    } catch (IOException e) {
      throw new UserError(json + ": cannot write the JSON (" + e.getMessage() + ")", e);
    }
  }
}
