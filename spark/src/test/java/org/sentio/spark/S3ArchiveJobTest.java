package org.sentio.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

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

  @Test
  void readsTheRecordingFromS3AndWritesTablesAndSummaryThere() throws Exception {
    try (S3TestServer s3 = S3TestServer.start()) {
      s3.createBucket("archive");
      s3.createBucket(LOCKED);
      SparkSession spark = s3Session(s3);
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
                        .startsWith("s3a://no-such-bucket/recordings/call.wav: ")
                        .containsIgnoringCase("bucket"))
            .anySatisfy(
                reason ->
                    assertThat(reason)
                        .startsWith("s3a://" + LOCKED + "/recordings/call.flac: ")
                        .containsAnyOf(
                            "403", "Forbidden", "AccessDenied", "SignatureDoesNotMatch"));

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
                spark
                    .read()
                    .parquet(out + "/windows")
                    .where("stream = 'voice' AND present")
                    .count())
            .isPositive();

        assertThatThrownBy(
                () ->
                    ArchiveJob.run(
                        spark,
                        JobSettings.parse(
                            new String[] {
                              "--out", "s3a://" + LOCKED + "/out", "s3a://archive/recordings/"
                            },
                            DirectRun.MODELS)))
            .isInstanceOf(JobInputException.class)
            .hasMessageStartingWith("s3a://" + LOCKED + "/out: cannot create the output folder (");
      } finally {
        spark.stop();
      }
    }
  }

  /**
   * A local session whose Hadoop settings reach the server, as {@code --conf
   * spark.hadoop.fs.s3a.…=…} would; the locked bucket gets a wrong secret through S3A's per-bucket
   * settings.
   */
  private static SparkSession s3Session(S3TestServer s3) {
    return SparkSession.builder()
        .master("local[1]")
        .appName("archive-job-s3-test")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "1")
        .config("spark.hadoop.fs.s3a.endpoint", s3.endpoint())
        .config("spark.hadoop.fs.s3a.path.style.access", "true")
        .config("spark.hadoop.fs.s3a.connection.ssl.enabled", "false")
        .config(
            "spark.hadoop.fs.s3a.aws.credentials.provider",
            "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider")
        .config("spark.hadoop.fs.s3a.access.key", S3TestServer.ACCESS_KEY)
        .config("spark.hadoop.fs.s3a.secret.key", S3TestServer.SECRET_KEY)
        .config("spark.hadoop.fs.s3a.bucket." + LOCKED + ".secret.key", "not-the-secret")
        // A refused or missing bucket fails at once instead of after the SDK's retries.
        .config("spark.hadoop.fs.s3a.attempts.maximum", "1")
        .config("spark.hadoop.fs.s3a.retry.limit", "1")
        .config("spark.hadoop.fs.s3a.retry.interval", "10ms")
        .getOrCreate();
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
