package org.sentio.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sentio cluster run} on a machine without Apache Spark (no SPARK_HOME, no spark-submit on
 * PATH): the source build's Spark libraries run the job's driver, with a local master (ADR 0051).
 */
@DisabledOnOs(OS.WINDOWS)
class ClusterRunCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path work;

  @Test
  void runsTheJobWithSparkFromTheBuildWhenNoSparkIsInstalled() throws Exception {
    Path clip =
        Cli.shared()
            .resolve("data/speech_ravdess_train/Actor_05/03-01-01-01-01-01-05.flac")
            .toAbsolutePath();
    Path missing = work.resolve("gone/call.wav");
    Path out = work.resolve("out");

    Cli.Result result =
        runWithoutSpark(
            "cluster",
            "run",
            "--master",
            "local[1]",
            "--driver-memory",
            "1g",
            clip.toString(),
            missing.toString(),
            "--out",
            out.toString());

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stdout()).contains("2 files: 1 done, 0 skipped, 1 failed");
    JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
    assertThat(summary.path("done").asInt()).isEqualTo(1);
    assertThat(summary.path("failed").get(0).path("reason").asText())
        .isEqualTo(missing + ": file not found; check the path or the manifest");
    assertThat(summary.path("mediaSeconds").asDouble()).isGreaterThan(3.0);
    try (var parts = Files.list(out.resolve("sessions"))) {
      assertThat(parts.map(p -> p.getFileName().toString()))
          .anySatisfy(name -> assertThat(name).startsWith("part-").endsWith(".parquet"));
    }
  }

  @Test
  void aMasterThatNeedsSparkSubmitIsRefusedInOneLine() throws Exception {
    Cli.Result result =
        runWithoutSpark(
            "cluster", "run", "--master", "yarn", "in", "--out", work.resolve("out").toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderrLines())
        .singleElement()
        .asString()
        .contains("--master yarn needs spark-submit: install Apache Spark 3.5.7 (Scala 2.12)");
    assertThat(work.resolve("out")).doesNotExist();
  }

  /** Runs the launcher with an environment in which no Spark installation can be found. */
  private Cli.Result runWithoutSpark(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("-Dsentio.home=" + Cli.root());
    command.add("org.sentio.app.Sentio");
    command.addAll(List.of(args));
    Path stdout = work.resolve("stdout.txt");
    Path stderr = work.resolve("stderr.txt");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(work.toFile())
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile());
    Map<String, String> env = builder.environment();
    env.remove("SPARK_HOME");
    env.put("PATH", "/usr/bin:/bin");
    Process process = builder.start();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("sentio " + String.join(" ", args) + " did not finish in 5 min");
    }
    return new Cli.Result(
        process.exitValue(),
        Files.readString(stdout, StandardCharsets.UTF_8),
        Files.readString(stderr, StandardCharsets.UTF_8));
  }
}
