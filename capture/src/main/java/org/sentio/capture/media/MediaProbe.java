package org.sentio.capture.media;

import java.nio.file.Path;
import org.bytedeco.javacv.FFmpegFrameGrabber;

/** Reads what a media file holds (container, streams, codecs, duration) without decoding it. */
public final class MediaProbe {

  private MediaProbe() {}

  /**
   * Probes {@code path}.
   *
   * @throws MediaException with a one-line message when the file is missing, empty, unreadable, not
   *     media, or has neither audio nor video
   */
  public static MediaInfo probe(Path path) throws MediaException {
    FFmpegFrameGrabber grabber = Grabbers.start(path, null);
    try {
      return Grabbers.info(path, grabber);
    } finally {
      Grabbers.closeQuietly(grabber);
    }
  }
}
