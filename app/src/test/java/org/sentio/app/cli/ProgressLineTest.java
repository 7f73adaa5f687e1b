package org.sentio.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
  void writesAboutTenWholeLinesIntoALogHoweverManyUpdatesComeIn() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    long[] now = {0};
    ProgressLine line =
        new ProgressLine(
            new PrintStream(bytes, true, StandardCharsets.UTF_8),
            "labels.csv",
            false,
            () -> now[0]);

    for (int row = 1; row <= 199; row++) {
      now[0] += 10_000_000L; // 10 ms a row
      line.onCount(row, 199, "rows");
    }
    line.finish();

    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertThat(printed).doesNotContain("\r");
    assertThat(printed).endsWith("\n");
    List<String> lines = printed.lines().toList();
    assertThat(lines).hasSizeBetween(10, 12).allMatch(l -> l.startsWith("labels.csv: "));
    assertThat(lines.get(0)).startsWith("labels.csv: 1/199 rows   1%");
    assertThat(lines.get(lines.size() - 1)).startsWith("labels.csv: 199/199 rows 100%  ETA 0:00");
  }

  @Test
  void aSlowStepStillGetsALineEveryThirtySecondsInALog() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    long[] now = {0};
    ProgressLine line =
        new ProgressLine(
            new PrintStream(bytes, true, StandardCharsets.UTF_8), "call.mp4", false, () -> now[0]);

    line.onProgress(1, 1000, "analysing media");
    now[0] += 29_000_000_000L;
    line.onProgress(2, 1000, "analysing media");
    now[0] += 2_000_000_000L;
    line.onProgress(3, 1000, "analysing media");

    assertThat(bytes.toString(StandardCharsets.UTF_8).lines())
        .containsExactly(
            "call.mp4: analysing media   0%  1.0/1000.0 s  ETA --:--",
            "call.mp4: analysing media   0%  3.0/1000.0 s  ETA --:--");
  }

  @Test
  void onATerminalTheCountIsRedrawnInPlaceAndTheLastRowAlwaysShows() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    long[] now = {0};
    ProgressLine line =
        new ProgressLine(
            new PrintStream(bytes, true, StandardCharsets.UTF_8), "labels.csv", true, () -> now[0]);

    for (int row = 1; row <= 199; row++) {
      now[0] += 10_000_000L;
      line.onCount(row, 199, "rows");
    }
    String drawn = bytes.toString(StandardCharsets.UTF_8);
    line.finish();

    assertThat(drawn).doesNotContain("\n").startsWith("\rlabels.csv: 1/199 rows");
    assertThat(drawn.split("\r", -1).length - 1)
        .as("redraws at most four times a second")
        .isLessThan(12);
    assertThat(drawn).contains("\rlabels.csv: 199/199 rows 100%");
    assertThat(bytes.toString(StandardCharsets.UTF_8)).endsWith("\r");
  }

  @Test
  void stderrRedirectedIntoAFileIsNotATerminal() {
    // Surefire pipes the forked JVM's stderr: exactly the case that must not be redrawn.
    assertThat(ProgressLine.stderrIsTerminal()).isFalse();
  }
}
