package org.sentio.app.workflows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The first seconds of the real demo recording, cut by ffmpeg (stream copy, no re-encoding): the
 * workflow tests need recordings to analyse, store and resume, and each second of media is analysed
 * several times per test.
 */
final class DemoClip {
  private DemoClip() {}

  /** Writes the first {@code seconds} of {@code demo} to {@code target}. */
  static void cut(Path demo, double seconds, Path target) throws Exception {
    Process ffmpeg =
        new ProcessBuilder(
                "ffmpeg",
                "-v",
                "error",
                "-y",
                "-i",
                demo.toString(),
                "-t",
                Double.toString(seconds),
                "-c",
                "copy",
                target.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(ffmpeg.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!ffmpeg.waitFor(1, TimeUnit.MINUTES) || ffmpeg.exitValue() != 0) {
      throw new AssertionError("ffmpeg could not cut " + demo + ":\n" + output);
    }
  }
}
