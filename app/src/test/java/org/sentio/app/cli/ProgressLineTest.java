package org.sentio.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressLineTest {
  @Test
  void estimatesTheTimeLeftFromTheRateSoFar() {
    assertThat(ProgressLine.format(25, 100, "analysing media", 10))
        .isEqualTo("analysing media  25%  25.0/100.0 s  ETA 0:30");
  }

  @Test
  void saysNothingAboutTimeLeftBeforeAnyProgress() {
    assertThat(ProgressLine.format(0, 100, "analysing media", 3)).endsWith("ETA --:--");
  }

  @Test
  void showsSecondsWhenTheTotalIsUnknown() {
    assertThat(ProgressLine.format(12.34, 0, "reading", 1)).isEqualTo("reading  12.3 s");
  }

  @Test
  void redrawsInPlaceAndClearsTheLineAtTheEnd() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ProgressLine line =
        new ProgressLine(new PrintStream(bytes, true, StandardCharsets.UTF_8), "call.mp4", true);

    line.onProgress(5, 10, "analysing media");
    line.onProgress(6, 10, "analysing media");
    line.finish();

    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertThat(printed).startsWith("\rcall.mp4: analysing media  50%");
    assertThat(printed).as("a second update within 250 ms is not drawn").doesNotContain("60%");
    assertThat(printed).endsWith("\r");
  }

  @Test
  void writesWholeLinesAtMostEveryFiveSecondsIntoALog() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ProgressLine line =
        new ProgressLine(new PrintStream(bytes, true, StandardCharsets.UTF_8), "call.mp4", false);

    line.onProgress(1, 10, "analysing media");
    line.onProgress(2, 10, "analysing media");
    line.finish();

    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertThat(printed.lines()).hasSize(1);
    assertThat(printed).startsWith("call.mp4: analysing media  10%  1.0/10.0 s  ETA ");
    assertThat(printed).doesNotContain("\r");
  }
}
