package org.sentio.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sentio train voice --augment} is refused in one line, before any data is read or written,
 * where no augmented copies can be trained: without {@code --variant}, and with a recipe that reads
 * log-mel statistics or is speaker-normalised, or the blend of ADR 0057 ({@code --variant 6}).
 */
class TrainVoiceAugmentOptionTest {
  @Test
  void augmentNeedsAVariantOfTheFortyTwoFeatures(@TempDir Path dir) {
    EvaluateCommandTest.Run alone =
        EvaluateCommandTest.run("train", "voice", "--augment", "--out", dir.toString());
    EvaluateCommandTest.Run mel =
        EvaluateCommandTest.run(
            "train", "voice", "--variant", "3", "--augment", "--out", dir.toString());
    EvaluateCommandTest.Run normalised =
        EvaluateCommandTest.run(
            "train", "voice", "--variant", "4", "--augment", "--out", dir.toString());
    EvaluateCommandTest.Run blend =
        EvaluateCommandTest.run(
            "train", "voice", "--variant", "6", "--augment", "--out", dir.toString());

    for (EvaluateCommandTest.Run r :
        new EvaluateCommandTest.Run[] {alone, mel, normalised, blend}) {
      assertThat(r.exit()).isEqualTo(2);
      assertThat(r.err())
          .contains(
              "--augment: use it with --variant 1 or 2 (the 42 features, not"
                  + " speaker-normalised)");
      assertThat(r.err().strip().lines()).hasSize(1);
    }
    assertThat(dir).isEmptyDirectory();
  }
}
