package org.sentio.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job submitted to a real standalone cluster: a Master and a Worker in their own JVMs on
 * 127.0.0.1, the analysis in the Worker's executor JVM with the models shipped by the driver.
 */
@Timeout(900)
class StandaloneClusterTest {
  @TempDir Path dir;

  @Test
  void analysesTheDemoOnAWorkerLikeADirectRun() throws Exception {
    try (StandaloneCluster cluster = StandaloneCluster.start(dir, 1, 1, "1g")) {
      SparkSession.Builder builder =
          SparkSession.builder()
              .master(cluster.masterUrl())
              .appName("archive-job-cluster-test")
              .config("spark.ui.enabled", "false")
              .config("spark.driver.host", "127.0.0.1")
              .config("spark.driver.bindAddress", "127.0.0.1")
              .config("spark.executor.memory", "768m")
              .config("spark.executor.extraClassPath", cluster.executorClassPath())
              .config("spark.sql.shuffle.partitions", "2");
      StandaloneCluster.LOADED_MACHINE_LIMITS.forEach(builder::config);
      SparkSession spark = builder.getOrCreate();
      try {
        Path out = dir.resolve("out");
        ArchiveJob.Summary summary =
            ArchiveJob.run(
                spark,
                JobSettings.parse(
                    new String[] {"--out", out.toString(), DirectRun.DEMO.getParent().toString()},
                    DirectRun.MODELS));

        assertThat(summary.outcomes()).hasSize(1);
        FileOutcome done = summary.outcomes().get(0);
        assertThat(done.status()).as(done.toString()).isEqualTo(FileOutcome.Status.DONE);
        assertThat(done.path()).endsWith("demo.mp4");
        DirectRun.assertTablesMatch(spark, out, done.contentKey(), DirectRun.demo());
      } finally {
        spark.stop();
      }
    }
  }
}
