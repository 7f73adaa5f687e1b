package org.sentio.affect.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Regression tests for what LabeledCsvFuzzTest found in labelled CSVs. */
class LabeledSetTest {
  @TempDir Path dir;

  @Test
  void aLineBreakInAQuotedHeaderIsShownEscapedInAOneLineMessage() throws Exception {
    Path csv = dir.resolve("labels.csv");
    Files.writeString(csv, "label,\"text\nhappy\"\nhappy,great\n");
    assertThatThrownBy(() -> LabeledSet.read(csv, false))
        .isInstanceOf(LabeledSet.InvalidException.class)
        .hasMessageContaining("wrong columns")
        .hasMessageContaining("text\\nhappy")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("\r"));
  }

  @Test
  void aLabelWithALineBreakIsNamedOnOneLine() throws Exception {
    Path csv = dir.resolve("labels.csv");
    Files.writeString(csv, "label,text\n\"hap\r\npy\",great\n");
    assertThatThrownBy(() -> LabeledSet.read(csv, false))
        .hasMessageContaining("unknown label 'hap\\r\\npy'")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("\r"));
  }

  @Test
  void aNulInAPathIsABadRowNotACrash() throws Exception {
    Path csv = dir.resolve("labels.csv");
    Files.writeString(csv, "label,audio\nhappy,a\u0000b.wav\n");
    assertThatThrownBy(() -> LabeledSet.read(csv, false))
        .isInstanceOf(LabeledSet.InvalidException.class)
        .hasMessageContaining("row 2")
        .hasMessageContaining("not a file path");
  }
}
