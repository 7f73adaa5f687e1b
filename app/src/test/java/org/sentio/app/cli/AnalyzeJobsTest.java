package org.sentio.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sentio analyze a b c --jobs N}: files analysed at once, a bad one not stopping the rest.
 */
class AnalyzeJobsTest {
  private static Path demo;

  @BeforeAll
  static void locate() {
    EvaluateCommandTest.locate();
    demo =
        Path.of(System.getProperty("sentio.root.dir", ".."))
            .toAbsolutePath()
            .normalize()
            .resolve("resources/demo/demo.mp4");
  }

  @Test
  void twoFilesAtOnceAreStoredInTheOrderGivenAndAMissingOneIsNamed(@TempDir Path dir)
      throws Exception {
    Path copy = dir.resolve("second.mp4");
    Files.copy(demo, copy);
    Path missing = dir.resolve("nowhere.mp4");
    EvaluateCommandTest.Run r =
        EvaluateCommandTest.run(
            "analyze",
            demo.toString(),
            missing.toString(),
            copy.toString(),
            "--jobs",
            "2",
            "--asr",
            "off",
            "--quiet",
            "--format",
            "json",
            "--out",
            dir.resolve("out").toString(),
            "--data-dir",
            dir.resolve("data").toString());
    assertThat(r.exit()).as(r.err()).isEqualTo(2);
    assertThat(r.err())
        .contains("nowhere.mp4: not analysed")
        .contains("no such file")
        .contains("1 of 3 files could not be read (nowhere.mp4)");
    assertThat(r.out().indexOf("demo.mp4"))
        .isNotNegative()
        .isLessThan(r.out().indexOf("second.mp4"));
    try (var written = Files.list(dir.resolve("out"))) {
      assertThat(written.filter(p -> p.toString().endsWith(".json")).count()).isEqualTo(2);
    }
  }

  @Test
  void aNegativeJobCountIsRefused(@TempDir Path dir) {
    EvaluateCommandTest.Run r =
        EvaluateCommandTest.run(
            "analyze", demo.toString(), "--jobs", "-1", "--data-dir", dir.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--jobs: give a number from 1 to 64 (or 0: one per core), not -1");
  }
}
