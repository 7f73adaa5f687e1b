package org.sentio.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Throughput of the job on a standalone cluster with 1 and 2 Workers (1 core each): files per hour,
 * real-time factor, scaling efficiency and the executors' peak resident memory. Runs only with
 * {@code -Dsentio.spark.bench=N} (N copies of the demo, each with its own transcript bytes so that
 * each has its own content key); docs/performance.md has the command and the figures.
 */
@EnabledIfSystemProperty(named = "sentio.spark.bench", matches = "\\d+")
class StandaloneClusterBench {
  @TempDir Path dir;

  @Test
  void measuresOneAndTwoWorkers() throws Exception {
    int files = Integer.getInteger("sentio.spark.bench");
    Path manifest = manifest(files);
    List<String> lines = new ArrayList<>();
    double oneWorkerSeconds = 0;
    for (int workers = 1; workers <= 2; workers++) {
      Path run = Files.createDirectories(dir.resolve("run-" + workers));
      try (StandaloneCluster cluster = StandaloneCluster.start(run, workers, 1, "1g");
          PeakRss executors = new PeakRss(run)) {
        SparkSession spark =
            SparkSession.builder()
                .master(cluster.masterUrl())
                .appName("archive-job-bench")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.executor.memory", "768m")
                .config("spark.executor.extraClassPath", cluster.executorClassPath())
                .config("spark.sql.shuffle.partitions", "2")
                .getOrCreate();
        ArchiveJob.Summary summary;
        try {
          summary =
              ArchiveJob.run(
                  spark,
                  JobSettings.parse(
                      new String[] {"--out", run.resolve("out").toString(), manifest.toString()},
                      DirectRun.MODELS));
        } finally {
          spark.stop();
        }
        if (workers == 1) {
          oneWorkerSeconds = summary.seconds();
        }
        double taskSeconds =
            summary.outcomes().stream().mapToDouble(FileOutcome::analysisSeconds).sum();
        lines.add(
            String.format(
                Locale.ROOT,
                "| %d | %d done, %d failed | %.1f s | %.0f | %.2f | %.2f | %.2f | %d MiB |",
                workers,
                summary.count(FileOutcome.Status.DONE),
                summary.count(FileOutcome.Status.FAILED),
                summary.seconds(),
                files / summary.seconds() * 3600,
                summary.seconds() / summary.mediaSeconds(),
                taskSeconds / summary.mediaSeconds(),
                oneWorkerSeconds / summary.seconds() / workers,
                executors.peakMebibytes()));
      }
    }
    String table =
        String.join(
            "\n",
            "| workers | files | job wall | files/hour | job RTF | per-task RTF |"
                + " scaling efficiency | executor peak RSS |",
            "|---|---|---|---|---|---|---|---|",
            String.join("\n", lines));
    System.out.println(table);
    Files.writeString(Path.of("target", "spark-bench.md"), table + "\n");
  }

  /** A manifest of {@code files} demo sessions, each with a transcript that differs in bytes. */
  private Path manifest(int files) throws IOException {
    String transcript = Files.readString(DirectRun.DEMO_TRANSCRIPT);
    StringBuilder csv = new StringBuilder("path,transcript,title,tags\n");
    for (int i = 0; i < files; i++) {
      Path copy = dir.resolve("demo-" + i + ".srt");
      Files.writeString(copy, transcript + "\n".repeat(i + 1));
      csv.append(DirectRun.DEMO).append(',').append(copy).append(",demo ").append(i).append(",\n");
    }
    return Files.writeString(dir.resolve("bench.csv"), csv.toString());
  }

  /** Samples the resident memory of the executor JVMs under {@code dir} every 500 ms. */
  private static final class PeakRss implements AutoCloseable {
    private final AtomicLong peakKib = new AtomicLong();
    private final Thread sampler;

    PeakRss(Path dir) {
      String marker = dir.toString();
      sampler =
          new Thread(
              () -> {
                while (!Thread.currentThread().isInterrupted()) {
                  ProcessHandle.allProcesses()
                      .filter(p -> isExecutor(p, marker))
                      .forEach(p -> peakKib.accumulateAndGet(rssKib(p.pid()), Math::max));
                  try {
                    Thread.sleep(500);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "executor-rss");
      sampler.setDaemon(true);
      sampler.start();
    }

    long peakMebibytes() {
      return peakKib.get() / 1024;
    }

    private static boolean isExecutor(ProcessHandle process, String marker) {
      try {
        String command =
            Files.readString(Path.of("/proc", String.valueOf(process.pid()), "cmdline"));
        return command.contains("CoarseGrainedExecutorBackend") && command.contains(marker);
      } catch (IOException | RuntimeException e) {
        return false;
      }
    }

    private static long rssKib(long pid) {
      try (Stream<String> lines = Files.lines(Path.of("/proc", String.valueOf(pid), "status"))) {
        return lines
            .filter(line -> line.startsWith("VmHWM:"))
            .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")))
            .findFirst()
            .orElse(0);
      } catch (IOException | RuntimeException e) {
        return 0;
      }
    }

    @Override
    public void close() {
      sampler.interrupt();
    }
  }
}
