package org.sentio.app.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import org.sentio.capture.media.MediaException;
import org.sentio.capture.media.MediaInfo;
import org.sentio.capture.media.MediaProbe;

/**
 * Media probing (container, streams, codecs, duration through FFmpeg), the first thing every
 * analysis and import does with a user's file: any bytes either probe to a file with audio or
 * video, or are refused with one {@link MediaException} line; nothing else may escape.
 */
class MediaProbeFuzzTest {
  private static final Path DIR = FuzzFiles.scratch("probe");

  @FuzzTest(maxDuration = "60s")
  void anyFileProbesOrIsRefusedInOneLine(byte[] bytes) {
    Path file = FuzzFiles.write(DIR.resolve("recording.bin"), bytes);
    try {
      MediaInfo info = MediaProbe.probe(file);
      if (info == null) {
        throw new AssertionError("a probe returned nothing");
      }
    } catch (MediaException e) {
      FuzzFiles.assertOneLine(e);
    }
  }
}
