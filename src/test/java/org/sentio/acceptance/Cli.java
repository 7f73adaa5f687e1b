package org.sentio.acceptance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the {@code sentio} command line in a separate JVM, as a user's shell would. */
final class Cli {
  private Cli() {}

  /** What a finished command printed and returned. */
  record Result(int exitCode, String stdout, String stderr) {
    List<String> stderrLines() {
      return stderr.lines().filter(line -> !line.isBlank()).toList();
    }
  }

  /** A command that is running. */
  record Running(Process process, Path out, Path err, String description) {
    Result await() throws Exception {
      if (!process.waitFor(10, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError(description + " did not finish in 10 min");
      }
      Result result =
          new Result(
              process.exitValue(),
              Files.readString(out, StandardCharsets.UTF_8),
              Files.readString(err, StandardCharsets.UTF_8));
      Files.delete(out);
      Files.delete(err);
      return result;
    }
  }

  static Path root() {
    return Path.of(System.getProperty("sentio.root.dir", "../..")).toAbsolutePath().normalize();
  }

  static Path shared() {
    return Path.of(System.getProperty("sentio.shared.dir", root().resolve("../shared").toString()))
        .toAbsolutePath()
        .normalize();
  }

  static Path demoVideo() {
    return root().resolve("resources/demo/demo.mp4");
  }

  /**
   * The first {@code seconds} of the demo video, cut by ffmpeg into {@code workDir} (stream copy):
   * for tests that need a real recording but none of the demo's later content, since every second
   * of media costs analysis time.
   */
  static Path demoClip(Path workDir, double seconds) throws Exception {
    Path clip = workDir.resolve("demo-first-" + seconds + "s.mp4");
    tool(
        workDir,
        "ffmpeg",
        "-v",
        "error",
        "-y",
        "-i",
        demoVideo().toString(),
        "-t",
        Double.toString(seconds),
        "-c",
        "copy",
        clip.toString());
    return clip;
  }

  static Path demoTranscript() {
    return root().resolve("resources/demo/demo.srt");
  }

  /** Starts {@code sentio ARGS --data-dir DATA} in {@code workDir}. */
  static Running start(Path dataDir, Path workDir, String... args) throws IOException {
    return start(root(), dataDir, workDir, args);
  }

  /** Starts {@code sentio} installed in {@code home} (which holds resources/). */
  static Running start(Path home, Path dataDir, Path workDir, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("-Dsentio.home=" + home);
    command.add("org.sentio.app.Sentio");
    command.addAll(List.of(args));
    if (dataDir != null) {
      command.add("--data-dir");
      command.add(dataDir.toString());
    }
    Path out = Files.createTempFile(workDir, "stdout", ".txt");
    Path err = Files.createTempFile(workDir, "stderr", ".txt");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    builder.environment().remove("SENTIO_DATA_DIR");
    return new Running(builder.start(), out, err, "sentio " + String.join(" ", args));
  }

  /** Runs {@code sentio ARGS --data-dir DATA} in {@code workDir} and waits for it. */
  static Result run(Path dataDir, Path workDir, String... args) throws Exception {
    return start(dataDir, workDir, args).await();
  }

  /** Runs an external tool (ffmpeg, espeak-ng) that makes test media, failing loudly. */
  static void tool(Path workDir, String... command) throws Exception {
    Process process =
        new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
      throw new AssertionError(String.join(" ", command) + " failed:\n" + output);
    }
  }
}
