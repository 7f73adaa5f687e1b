package org.sentio.affect.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.affect.Emotion;

/** A data set's own CSV read with named label and image columns. */
class LabeledSetColumnsTest {
  @Test
  void readsTheNamedColumnsAndIgnoresTheOthers(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("happy"));
    Files.write(dir.resolve("happy/a.jpg"), new byte[] {1});
    Path csv = dir.resolve("ferplus_votes.csv");
    Files.writeString(
        csv,
        "path,votes_happy,ferplus_label,tie\nhappy/a.jpg,8,happy,0\nhappy/a.jpg,5,contempt,0\n");

    LabeledSet set = LabeledSet.read(csv, false, "ferplus_label", "path");

    assertThat(set.rows()).hasSize(1);
    assertThat(set.rows().get(0).emotion()).isEqualTo(Emotion.HAPPY);
    assertThat(set.rows().get(0).image()).isEqualTo(dir.resolve("happy/a.jpg"));
    assertThat(set.skipped()).hasSize(1);
  }

  @Test
  void namesAColumnThatIsNotInTheHeader(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("labels.csv");
    Files.writeString(csv, "path,label\nx.jpg,happy\n");

    assertThatThrownBy(() -> LabeledSet.read(csv, false, null, "image_path"))
        .isInstanceOf(LabeledSet.InvalidException.class)
        .hasMessageContaining("no column 'image_path'")
        .hasMessageContaining("[path, label]");
  }

  @Test
  void withoutNamedColumnsExtraColumnsAreStillRefused(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("labels.csv");
    Files.writeString(csv, "path,label\nx.jpg,happy\n");

    assertThatThrownBy(() -> LabeledSet.read(csv, false))
        .isInstanceOf(LabeledSet.InvalidException.class)
        .hasMessageContaining("unknown: [path]");
  }
}
