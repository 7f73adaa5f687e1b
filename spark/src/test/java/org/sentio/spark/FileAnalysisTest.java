package org.sentio.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.runtime.ModelRegistry;

/**
 * Two attempts at one file at once, as a task retry or a speculative copy makes them: one result,
 * no temporary file left, the same key for both.
 */
@Timeout(300)
class FileAnalysisTest {
  private static final Path CLIP =
      Path.of(System.getProperty("sentio.shared.dir", "../../shared"))
          .resolve("data/speech_ravdess_train/Actor_01/03-01-01-01-01-02-01.flac");

  @TempDir Path dir;

  @Test
  void twoAttemptsAtOneFileLeaveOneResult() throws Exception {
    Path out = dir.resolve("out");
    JobSettings settings =
        JobSettings.parse(
            new String[] {
              "--out",
              out.toString(),
              "--executor-models",
              DirectRun.MODELS.toString(),
              CLIP.toString()
            },
            DirectRun.MODELS);
    ModelSet models =
        ModelSet.verify(new ModelRegistry(DirectRun.MODELS, "restore resources/models"));
    JobContext context =
        new JobContext(settings, models, null, JobContext.entries(new Configuration()));
    ArchiveEntry entry = new ArchiveEntry(CLIP.toString(), null, "clip", List.of());

    ExecutorService attempts = Executors.newFixedThreadPool(2);
    List<FileOutcome> outcomes;
    try {
      List<Future<FileOutcome>> running =
          List.of(
              attempts.submit(() -> new FileAnalysis(context).analyse(entry)),
              attempts.submit(() -> new FileAnalysis(context).analyse(entry)));
      outcomes = List.of(running.get(0).get(), running.get(1).get());
    } finally {
      attempts.shutdown();
    }

    assertThat(outcomes)
        .allSatisfy(
            o -> assertThat(o.status()).as(o.toString()).isNotEqualTo(FileOutcome.Status.FAILED));
    assertThat(outcomes.get(0).contentKey()).isEqualTo(outcomes.get(1).contentKey());
    try (Stream<Path> files = Files.walk(out)) {
      // Hadoop's local file system keeps a .crc checksum beside each file it writes.
      assertThat(
              files
                  .filter(Files::isRegularFile)
                  .map(f -> f.getFileName().toString())
                  .filter(name -> !name.endsWith(".crc")))
          .containsExactly(outcomes.get(0).contentKey() + ".json");
    }
  }
}
