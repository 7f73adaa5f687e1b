package org.sentio.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.affect.pipeline.SessionResult;

/** The job on Spark's local[2] master over the demo recording and broken inputs. */
@Timeout(600)
class ArchiveJobLocalTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static SparkSession spark;

  @TempDir Path dir;

  @BeforeAll
  static void startSpark() {
    spark =
        SparkSession.builder()
            .master("local[2]")
            .appName("archive-job-test")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.sql.shuffle.partitions", "2")
            .getOrCreate();
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  @Test
  void analysesLikeADirectRunReportsBadFilesAndSkipsWhatIsDone() throws Exception {
    Path broken = Files.write(dir.resolve("broken.mp4"), new byte[] {0, 1, 2, 3, 'n', 'o', 't'});
    Path manifest =
        Files.writeString(
            dir.resolve("archive.csv"),
            String.join(
                "\n",
                "path,transcript,title,tags",
                DirectRun.DEMO + "," + DirectRun.DEMO_TRANSCRIPT + ",Demo,demo; smoke",
                "broken.mp4,,,",
                dir.resolve("gone/missing.mp4") + ",,,",
                DirectRun.DEMO + ",no-such-transcript.srt,,",
                ""));
    Path out = dir.resolve("out");

    ArchiveJob.Summary first = ArchiveJob.run(spark, settings(out, manifest.toString()));

    JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
    assertThat(summary.path("files").asInt()).isEqualTo(4);
    assertThat(summary.path("done").asInt()).isEqualTo(1);
    assertThat(summary.path("skipped").asInt()).isZero();
    assertThat(summary.path("seconds").asDouble()).isPositive();
    List<String> reasons = new ArrayList<>();
    for (JsonNode failure : summary.path("failed")) {
      reasons.add(failure.path("path").asText() + " | " + failure.path("reason").asText());
    }
    assertThat(reasons)
        .hasSize(3)
        .anySatisfy(r -> assertThat(r).startsWith(broken.toString()).contains("broken.mp4: "))
        .anySatisfy(r -> assertThat(r).contains("missing.mp4: file not found"))
        .anySatisfy(r -> assertThat(r).contains("no-such-transcript.srt: transcript not found"));

    String key =
        first.outcomes().stream()
            .filter(o -> o.status() == FileOutcome.Status.DONE)
            .findFirst()
            .orElseThrow()
            .contentKey();
    SessionResult expected = DirectRun.demo();
    DirectRun.assertTablesMatch(spark, out, key, expected);
    var session = spark.read().parquet(out.resolve("sessions").toString()).collectAsList().get(0);
    assertThat(session.<String>getAs("title")).isEqualTo("Demo");
    assertThat(session.<scala.collection.Seq<String>>getAs("tags").mkString(","))
        .isEqualTo("demo,smoke");
    JsonNode result =
        JSON.readTree(
            out.resolve("results").resolve(key.substring(0, 2)).resolve(key + ".json").toFile());
    assertThat(result.path("schema").asText()).isEqualTo("sentio-session/1");
    assertThat(result.path("archive").path("contentKey").asText()).isEqualTo(key);

    ArchiveJob.Summary second = ArchiveJob.run(spark, settings(out, manifest.toString()));

    assertThat(second.count(FileOutcome.Status.SKIPPED)).isEqualTo(1);
    assertThat(second.count(FileOutcome.Status.DONE)).isZero();
    assertThat(second.count(FileOutcome.Status.FAILED)).isEqualTo(3);
    assertThat(resultFiles(out)).hasSize(1);
    assertThat(spark.read().parquet(out.resolve("sessions").toString()).count()).isEqualTo(1);
  }

  @Test
  void modelsThatDifferOnAnExecutorFailEachFileWithTheReason() throws Exception {
    Path installed = copyModels(dir.resolve("executor-models"), "voice-affect/model.onnx");
    Path altered = installed.resolve("voice-affect/model.onnx");
    byte[] bytes = Files.readAllBytes(altered);
    bytes[bytes.length / 2] ^= 1;
    Files.write(altered, bytes);
    JobSettings settings =
        JobSettings.parse(
            new String[] {
              "--out",
              dir.resolve("out").toString(),
              "--executor-models",
              installed.toString(),
              DirectRun.DEMO.toString()
            },
            DirectRun.MODELS);

    ArchiveJob.Summary summary = ArchiveJob.run(spark, settings);

    assertThat(summary.count(FileOutcome.Status.FAILED)).isEqualTo(1);
    assertThat(summary.outcomes().get(0).reason())
        .startsWith("models on executor host ")
        .contains("voice-affect")
        .contains("checksum mismatch");
    assertThat(resultFiles(dir.resolve("out"))).isEmpty();
  }

  @Test
  void modelsThatFailTheirCheckOnTheDriverStopTheJobNamingTheFile() throws Exception {
    Path models = copyModels(dir.resolve("models"), "text-affect-en/model.onnx");
    Files.write(models.resolve("text-affect-en/model.onnx"), new byte[] {1, 2, 3});
    JobSettings settings =
        JobSettings.parse(
            new String[] {"--out", dir.resolve("out").toString(), DirectRun.DEMO.toString()},
            models);

    assertThatThrownBy(() -> ArchiveJob.run(spark, settings))
        .isInstanceOf(JobInputException.class)
        .hasMessageContaining("text-affect-en")
        .hasMessageContaining("checksum mismatch");
  }

  @Test
  void anOutputFolderOnAFileSystemWithoutAClientIsAJobError() throws Exception {
    JobSettings settings =
        JobSettings.parse(
            new String[] {"--out", "s3a://archive/out", DirectRun.DEMO.toString()},
            DirectRun.MODELS);

    assertThatThrownBy(() -> ArchiveJob.run(spark, settings))
        .isInstanceOf(JobInputException.class)
        .hasMessageStartingWith("s3a://archive/out: cannot create the output folder (")
        .hasMessageContaining("s3a");
  }

  @Test
  void readsAParquetManifestAndReportsItsMissingFiles() throws Exception {
    Path missing = dir.resolve("archive/2025/call-0001.mp4");
    Path manifest = dir.resolve("manifest.parquet");
    spark
        .createDataFrame(
            List.of(
                org.apache.spark.sql.RowFactory.create(
                    missing.toString(), null, "Call 1", scala.collection.immutable.List.empty())),
            new org.apache.spark.sql.types.StructType()
                .add("path", "string")
                .add("transcript", "string")
                .add("title", "string")
                .add("tags", "array<string>"))
        .write()
        .parquet(manifest.toString());

    ArchiveJob.Summary summary =
        ArchiveJob.run(spark, settings(dir.resolve("out"), manifest.toString()));

    assertThat(summary.outcomes())
        .singleElement()
        .satisfies(
            outcome ->
                assertThat(outcome.reason())
                    .isEqualTo(missing + ": file not found; check the path or the manifest"));
  }

  private static JobSettings settings(Path out, String... inputs) throws JobInputException {
    String[] args =
        Stream.concat(Stream.of("--out", out.toString()), Stream.of(inputs)).toArray(String[]::new);
    return JobSettings.parse(args, DirectRun.MODELS);
  }

  static List<Path> resultFiles(Path out) throws IOException {
    Path results = out.resolve(FileAnalysis.RESULTS);
    if (!Files.isDirectory(results)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(results)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".json")).toList();
    }
  }

  /**
   * A models folder of links to the installed models, except {@code altered}, which is a copy the
   * test may change (a write through a link would change the installed model).
   */
  static Path copyModels(Path target, String altered) throws IOException {
    try (Stream<Path> files = Files.walk(DirectRun.MODELS)) {
      for (Path file : files.toList()) {
        Path copy = target.resolve(DirectRun.MODELS.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(copy);
        } else if (DirectRun.MODELS.relativize(file).toString().equals(altered)) {
          Files.copy(file, copy);
        } else {
          Files.createSymbolicLink(copy, file.toAbsolutePath());
        }
      }
    }
    return target;
  }
}
