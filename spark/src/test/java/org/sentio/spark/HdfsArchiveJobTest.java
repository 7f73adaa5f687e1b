package org.sentio.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job on a Hadoop file system other than the local one: an HDFS NameNode and DataNode in this
 * JVM (Hadoop's MiniDFSCluster), the recording read from HDFS and every output (session JSON,
 * Parquet tables, summary) written to HDFS.
 */
@Timeout(600)
class HdfsArchiveJobTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A real RAVDESS recording, 3.5 s of speech, so that the analysis stays cheap. */
  static final Path CLIP =
      Path.of(
              System.getProperty(
                  "sentio.shared.dir", DirectRun.ROOT.resolve("../shared").toString()))
          .resolve("data/speech_ravdess_train/Actor_05/03-01-01-01-01-01-05.flac")
          .toAbsolutePath();

  @TempDir Path dir;

  @Test
  void readsTheRecordingFromHdfsAndWritesTablesAndSummaryThere() throws Exception {
    Configuration hdfsConf = new Configuration();
    hdfsConf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.resolve("hdfs").toString());
    try (MiniDFSCluster hdfs = new MiniDFSCluster.Builder(hdfsConf).numDataNodes(1).build()) {
      hdfs.waitActive();
      FileSystem fs = hdfs.getFileSystem();
      String root = fs.getUri().toString();
      fs.copyFromLocalFile(
          new org.apache.hadoop.fs.Path(CLIP.toUri()),
          new org.apache.hadoop.fs.Path(root + "/recordings/2026/clip.flac"));
      String unreachable = "hdfs://127.0.0.1:" + closedPort() + "/recordings/call.wav";
      String out = root + "/sentio/out";

      SparkSession spark =
          SparkSession.builder()
              .master("local[1]")
              .appName("archive-job-hdfs-test")
              .config("spark.ui.enabled", "false")
              .config("spark.driver.host", "127.0.0.1")
              .config("spark.driver.bindAddress", "127.0.0.1")
              .config("spark.sql.shuffle.partitions", "1")
              // A NameNode that does not answer fails at once instead of after ten retries.
              .config("spark.hadoop.ipc.client.connect.max.retries", "0")
              .getOrCreate();
      try {
        ArchiveJob.Summary summary =
            ArchiveJob.run(
                spark,
                JobSettings.parse(
                    new String[] {
                      "--out",
                      out,
                      root + "/recordings/",
                      root + "/recordings/2025/missing.wav",
                      unreachable
                    },
                    DirectRun.MODELS));

        assertThat(summary.count(FileOutcome.Status.DONE)).as(summary.describe()).isEqualTo(1);
        JsonNode written;
        try (InputStream in = fs.open(new org.apache.hadoop.fs.Path(out + "/summary.json"))) {
          written = JSON.readTree(in);
        }
        assertThat(written.path("files").asInt()).isEqualTo(3);
        assertThat(written.path("done").asInt()).isEqualTo(1);
        List<String> reasons = new ArrayList<>();
        written.path("failed").forEach(failure -> reasons.add(failure.path("reason").asText()));
        assertThat(reasons)
            .hasSize(2)
            .contains(
                root
                    + "/recordings/2025/missing.wav: file not found; check the path or the manifest")
            .anySatisfy(
                reason ->
                    assertThat(reason)
                        .startsWith(unreachable + ": cannot reach (")
                        .contains("Connection refused"));

        Row session = spark.read().parquet(out + "/sessions").collectAsList().get(0);
        assertThat(session.<String>getAs("source_path"))
            .isEqualTo(root + "/recordings/2026/clip.flac");
        assertThat(session.<Double>getAs("duration_seconds")).isGreaterThan(3.0);
        String key = session.getAs("content_key");
        assertThat(
                fs.exists(
                    new org.apache.hadoop.fs.Path(
                        out + "/results/" + key.substring(0, 2) + "/" + key + ".json")))
            .isTrue();
        long voiceWindows =
            spark.read().parquet(out + "/windows").where("stream = 'voice' AND present").count();
        assertThat(voiceWindows).isPositive();
      } finally {
        spark.stop();
      }
    }
  }

  private static int closedPort() throws java.io.IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
