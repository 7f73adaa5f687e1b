package org.sentio.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job on S3 through Hadoop's s3a client (hadoop-aws 3.3.4 and the AWS SDK bundle it was built
 * with, the jars docs/spark-job.md tells users to add) against a real S3 server in this JVM ({@link
 * S3TestServer}): the recording read from a bucket, the session JSON, the Parquet tables and the
 * summary written to the bucket and read back; a missing key, a missing bucket and a bucket whose
 * credentials are wrong each end as that file's failure, and an output on it as a job error. The
 * settings are the ones a user passes as {@code --conf spark.hadoop.fs.s3a.…}.
 */
@Timeout(600)
class S3ArchiveJobTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A bucket whose per-bucket settings carry a wrong secret key. */
  private static final String LOCKED = "locked-archive";

  private static S3TestServer s3;

  @TempDir java.nio.file.Path dir;

  @BeforeAll
  static void startS3() throws Exception {
    s3 = S3TestServer.start();
    s3.createBucket("archive");
    s3.createBucket(LOCKED);
  }

  @AfterAll
  static void stopS3() throws Exception {
    if (s3 != null) {
      s3.close();
    }
  }

  @Test
  void readsTheRecordingFromS3AndWritesTablesAndSummaryThere() throws Exception {
    SparkSession spark = s3Session();
    try {
      Configuration hadoop = spark.sparkContext().hadoopConfiguration();
      FileSystem archive = FileSystem.get(URI.create("s3a://archive/"), hadoop);
      archive.copyFromLocalFile(
          new Path(HdfsArchiveJobTest.CLIP.toUri()),
          new Path("s3a://archive/recordings/2026/clip.flac"));
      uploadWithTheRightKey(hadoop, "s3a://" + LOCKED + "/recordings/call.flac");
      String out = "s3a://archive/sentio/out";

      ArchiveJob.Summary summary =
          ArchiveJob.run(
              spark,
              JobSettings.parse(
                  new String[] {
                    "--out",
                    out,
                    "s3a://archive/recordings/",
                    "s3a://archive/recordings/2025/missing.wav",
                    "s3a://no-such-bucket/recordings/call.wav",
                    "s3a://" + LOCKED + "/recordings/call.flac"
                  },
                  DirectRun.MODELS));

      assertThat(summary.count(FileOutcome.Status.DONE)).as(summary.describe()).isEqualTo(1);
      JsonNode written;
      try (InputStream in = archive.open(new Path(out + "/summary.json"))) {
        written = JSON.readTree(in);
      }
      assertThat(written.path("files").asInt()).isEqualTo(4);
      assertThat(written.path("done").asInt()).isEqualTo(1);
      List<String> reasons = new ArrayList<>();
      written.path("failed").forEach(failure -> reasons.add(failure.path("reason").asText()));
      assertThat(reasons)
          .as(summary.describe())
          .hasSize(3)
          .contains(
              "s3a://archive/recordings/2025/missing.wav: file not found; check the path or the"
                  + " manifest")
          .anySatisfy(
              reason ->
                  assertThat(reason)
                      .startsWith("s3a://no-such-bucket/recordings/call.wav: cannot reach (")
                      .containsAnyOf("NoSuchBucket", "does not exist"))
          .anySatisfy(
              reason ->
                  assertThat(reason)
                      .startsWith("s3a://" + LOCKED + "/recordings/call.flac: cannot reach (")
                      .contains("403"));

      Row session = spark.read().parquet(out + "/sessions").collectAsList().get(0);
      assertThat(session.<String>getAs("source_path"))
          .isEqualTo("s3a://archive/recordings/2026/clip.flac");
      assertThat(session.<Double>getAs("duration_seconds")).isGreaterThan(3.0);
      String key = session.getAs("content_key");
      assertThat(
              archive.exists(
                  new Path(out + "/results/" + key.substring(0, 2) + "/" + key + ".json")))
          .isTrue();
      assertThat(
              spark.read().parquet(out + "/windows").where("stream = 'voice' AND present").count())
          .isPositive();

    } finally {
      spark.stop();
    }
  }

  /**
   * {@code sentio cluster run} without Spark: the driver JVM from the build's argfile (no S3 client
   * on its class path) with the user's {@code --conf} settings as system properties, as
   * ClusterCommand starts it; {@code spark.driver.extraClassPath} brings hadoop-aws and the AWS
   * SDK. An output in the bucket whose credentials are refused stops the job before any task: the
   * 403 in the message shows that the driver loaded the S3 client and reached the server with it
   * (without it the message names the missing {@code S3AFileSystem} class).
   */
  @Test
  void theBuildsDriverTakesTheS3ClientFromSparkDriverExtraClassPath() throws Exception {
    Launched driver = launchDriver("s3a://" + LOCKED + "/out", "s3a://archive/incoming/call.wav");

    assertThat(driver.exitCode()).as(driver.log()).isEqualTo(2);
    assertThat(driver.log())
        .contains("sentio archive job: s3a://" + LOCKED + "/out: cannot create the output folder (")
        .contains("403")
        .doesNotContain("S3AFileSystem not found");
  }

  /**
   * The same driver running a job: it lists the input on S3, the local executor reads it there (a
   * missing key, so that no analysis runs) and the summary is written to S3. Run with {@code
   * -Dsentio.spark.s3.launch=true}: a second driver JVM and its Spark jobs cost about as much as
   * the HDFS test.
   */
  @Test
  @EnabledIfSystemProperty(named = "sentio.spark.s3.launch", matches = "true")
  void theBuildsDriverAndItsExecutorReadAndWriteS3() throws Exception {
    String out = "s3a://archive/launched";
    Launched driver = launchDriver(out, "s3a://archive/incoming/missing.wav");

    assertThat(driver.exitCode()).as(driver.log()).isZero();
    Configuration hadoop = new Configuration();
    s3Settings()
        .forEach(
            setting -> {
              int equals = setting.indexOf('=');
              hadoop.set(
                  setting.substring("spark.hadoop.".length(), equals),
                  setting.substring(equals + 1));
            });
    JsonNode written;
    try (FileSystem fs = FileSystem.newInstance(URI.create(out), hadoop);
        InputStream in = fs.open(new Path(out + "/summary.json"))) {
      written = JSON.readTree(in);
    }
    assertThat(written.path("files").asInt()).isEqualTo(1);
    assertThat(written.path("failed").path(0).path("reason").asText())
        .isEqualTo(
            "s3a://archive/incoming/missing.wav: file not found; check the path or the manifest");
  }

  private record Launched(int exitCode, String log) {}

  /** Runs the build's driver JVM on {@code input} with the S3 client on its extra class path. */
  private Launched launchDriver(String out, String input) throws Exception {
    java.nio.file.Path argfile = DirectRun.ROOT.resolve("spark/target/spark-launch.args");
    assertThat(Files.readString(argfile)).doesNotContain("hadoop-aws");
    List<String> s3Client = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String name = java.nio.file.Path.of(entry).getFileName().toString();
      if (name.startsWith("hadoop-aws-") || name.startsWith("aws-java-sdk-bundle-")) {
        s3Client.add(entry);
      }
    }
    assertThat(s3Client).hasSize(2);
    List<String> command = new ArrayList<>();
    command.add(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx1g");
    command.add("@" + argfile);
    List<String> settings = new ArrayList<>(s3Settings());
    settings.addAll(
        List.of(
            "spark.ui.enabled=false",
            "spark.driver.host=127.0.0.1",
            "spark.driver.bindAddress=127.0.0.1",
            "spark.driver.extraClassPath=" + String.join(File.pathSeparator, s3Client)));
    settings.forEach(setting -> command.add("-D" + setting));
    command.addAll(
        List.of(
            ArchiveJob.class.getName(),
            "--master",
            "local[1]",
            "--out",
            out,
            "--models",
            DirectRun.MODELS.toString(),
            input));
    java.nio.file.Path log = dir.resolve("driver.log");
    Process driver =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!driver.waitFor(300, TimeUnit.SECONDS)) {
      driver.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    return new Launched(driver.exitValue(), Files.readString(log));
  }

  /**
   * A local session whose Hadoop settings reach the server, as {@code --conf
   * spark.hadoop.fs.s3a.…=…} would; the locked bucket gets a wrong secret through S3A's per-bucket
   * settings.
   */
  private static SparkSession s3Session() {
    SparkSession.Builder builder =
        SparkSession.builder()
            .master("local[1]")
            .appName("archive-job-s3-test")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.sql.shuffle.partitions", "1");
    for (String setting : s3Settings()) {
      int equals = setting.indexOf('=');
      builder.config(setting.substring(0, equals), setting.substring(equals + 1));
    }
    return builder.getOrCreate();
  }

  /** The {@code spark.hadoop.fs.s3a.*} settings, as {@code --conf} takes them. */
  private static List<String> s3Settings() {
    return List.of(
        "spark.hadoop.fs.s3a.endpoint=" + s3.endpoint(),
        "spark.hadoop.fs.s3a.path.style.access=true",
        "spark.hadoop.fs.s3a.connection.ssl.enabled=false",
        "spark.hadoop.fs.s3a.aws.credentials.provider="
            + "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider",
        "spark.hadoop.fs.s3a.access.key=" + S3TestServer.ACCESS_KEY,
        "spark.hadoop.fs.s3a.secret.key=" + S3TestServer.SECRET_KEY,
        "spark.hadoop.fs.s3a.bucket." + LOCKED + ".secret.key=not-the-secret",
        // A refused or missing bucket fails at once instead of after the SDK's retries.
        "spark.hadoop.fs.s3a.attempts.maximum=1",
        "spark.hadoop.fs.s3a.retry.limit=1",
        "spark.hadoop.fs.s3a.retry.interval=10ms");
  }

  /** Puts the clip into the locked bucket with the right key, bypassing the per-bucket secret. */
  private static void uploadWithTheRightKey(Configuration hadoop, String target) throws Exception {
    Configuration owner = new Configuration(hadoop);
    owner.unset("fs.s3a.bucket." + LOCKED + ".secret.key");
    try (FileSystem fs = FileSystem.newInstance(URI.create(target), owner)) {
      fs.copyFromLocalFile(new Path(HdfsArchiveJobTest.CLIP.toUri()), new Path(target));
    }
  }
}
