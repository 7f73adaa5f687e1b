package org.sentio.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A recording cut short is analysed up to where it breaks, with a warning naming that time. */
class TruncatedMediaTest {
  @TempDir Path work;

  @Test
  void aCutMkvIsAnalysedUpToTheBreakWithAWarning() throws Exception {
    Path whole = work.resolve("whole.mkv");
    Cli.tool(
        work,
        "ffmpeg",
        "-v",
        "error",
        "-i",
        Cli.demoVideo().toString(),
        "-c",
        "copy",
        whole.toString());
    byte[] bytes = Files.readAllBytes(whole);
    Path cut = work.resolve("cut.mkv");
    Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));

    Cli.Result result =
        Cli.run(work.resolve("data"), work, "analyze", cut.toString(), "--out", work.toString());

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stdout()).containsPattern("warning: .*cut\\.mkv.*stopped at \\d+\\.\\d s");
    assertThat(result.stdout()).doesNotContain("Exception");
  }

  @Test
  void aCutMp4WhoseIndexIsMissingIsRefusedNamingTheFile() throws Exception {
    byte[] bytes = Files.readAllBytes(Cli.demoVideo());
    Path cut = work.resolve("cut.mp4");
    Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));

    Cli.Result result =
        Cli.run(work.resolve("data"), work, "analyze", cut.toString(), "--out", work.toString());

    assertThat(result.exitCode()).as(result.stdout()).isEqualTo(2);
    assertThat(result.stderr()).contains("cut.mp4").doesNotContain("\tat ");
  }
}
