package org.sentio.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sentio analyze} given nothing it can read: refused in one line, before any model is loaded
 * (the execution-provider line is printed only once the models load), and nothing is stored.
 */
class AnalyzeUnreadableInputTest {

  @BeforeAll
  static void locate() {
    EvaluateCommandTest.locate();
  }

  @Test
  void aMissingRecordingIsRefusedBeforeTheModelsLoad(@TempDir Path dir) {
    Path missing = dir.resolve("nothing.mp4");
    EvaluateCommandTest.Run r =
        EvaluateCommandTest.run(
            "analyze", missing.toString(), "--data-dir", dir.resolve("data").toString());

    assertThat(r.exit()).as(r.err()).isEqualTo(2);
    assertThat(r.err())
        .contains(missing + ": no such file; check the path and name (nothing was analysed")
        .doesNotContain("execution provider")
        .doesNotContain("Exception");
    assertThat(r.err().strip().lines()).hasSize(1);
    assertThat(dir.resolve("data")).doesNotExist();
  }

  @Test
  void everyUnreadableFileIsNamedWhenNoneCanBeRead(@TempDir Path dir) throws Exception {
    Path folder = Files.createDirectory(dir.resolve("calls.wav"));
    Path empty = Files.createFile(dir.resolve("empty.wav"));
    Path photo = dir.resolve("gone.jpg");
    EvaluateCommandTest.Run r =
        EvaluateCommandTest.run(
            "analyze",
            folder.toString(),
            empty.toString(),
            photo.toString(),
            "--data-dir",
            dir.resolve("data").toString());

    assertThat(r.exit()).as(r.err()).isEqualTo(2);
    assertThat(r.err())
        .contains(folder + ": is a folder, not a media file")
        .contains(empty + ": the file is empty (0 bytes)")
        .contains(photo + ": no such file")
        .doesNotContain("execution provider");
  }
}
