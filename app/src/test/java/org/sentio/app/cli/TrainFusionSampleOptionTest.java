package org.sentio.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code sentio train fusion --sample F,V,T} refuses anything but three positive counts with one
 * line, before reading any data or writing anything. (A run with a sample trains: {@link
 * KillDuringPrivateTrainingTest}.)
 */
class TrainFusionSampleOptionTest {
  @BeforeAll
  static void locate() {
    String root = System.getProperty("sentio.root.dir", "..");
    System.setProperty("sentio.home", Path.of(root).toAbsolutePath().normalize().toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"240,28", "240,28,400,1", "240,x,400", "0,28,400", "240,-1,400", ""})
  void aBadSampleIsRefusedWithOneLine(String sample, @TempDir Path dir) {
    EvaluateCommandTest.Run run =
        EvaluateCommandTest.run("train", "fusion", "--sample", sample, "--out", dir.toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err().strip().lines()).hasSize(1);
    assertThat(run.err())
        .contains("--sample takes three positive counts")
        .contains("240,28,400")
        .contains("'" + sample + "'");
    assertThat(dir).isEmptyDirectory();
  }
}
