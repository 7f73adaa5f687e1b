package org.sentio.capture.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decoding only reference pictures (FFmpeg skip_frame=noref) still gives one frame per analysis
 * tick, each a few frame durations after its tick at most, from H.264 with B-frames.
 */
class ReferenceFramesOnlyTest {
  @TempDir Path dir;

  @Test
  void everyTickStillGetsAFrameCloseToIt() throws Exception {
    Path file =
        Ffmpeg.make(
            dir.resolve("bframes.mp4"),
            "-f",
            "lavfi",
            "-i",
            "testsrc=size=320x240:rate=30",
            "-t",
            "4",
            "-c:v",
            "libx264",
            "-bf",
            "3",
            "-pix_fmt",
            "yuv420p");
    Recorder every = new Recorder();
    Recorder referenceOnly = new Recorder();
    try (MediaSource source = MediaSource.open(file, CaptureOptions.defaults())) {
      source.stream(every, () -> false);
    }
    try (MediaSource source =
        MediaSource.open(file, CaptureOptions.defaults().withReferenceFramesOnly(true))) {
      StreamSummary summary = source.stream(referenceOnly, () -> false);
      assertThat(summary.warning()).isEmpty();
    }

    assertThat(every.frameTimes()).hasSize(20);
    assertThat(referenceOnly.frameTimes()).hasSize(20);
    for (int k = 0; k < 20; k++) {
      double tick = k * 0.2;
      assertThat(referenceOnly.frameTimes().get(k))
          .as("frame of tick %d", k)
          .isBetween(tick - 1e-3, tick + 3.0 / 30 + 1e-3);
    }
  }
}
