package org.sentio.capture.media;

import java.util.Optional;
import org.bytedeco.ffmpeg.avutil.LogCallback;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes FFmpeg's own log (normally printed to stderr) to SLF4J, and remembers the last error
 * FFmpeg reported on each thread, so a user-facing message can quote FFmpeg's reason.
 */
public final class FfmpegLog {

  private static final Logger LOG = LoggerFactory.getLogger("org.sentio.capture.ffmpeg");
  private static final ThreadLocal<String> LAST_ERROR = new ThreadLocal<>();
  // Held in a static field so the native callback is never garbage-collected.
  private static final Callback CALLBACK = new Callback();

  static {
    avutil.av_log_set_level(avutil.AV_LOG_WARNING);
    avutil.setLogCallback(CALLBACK);
  }

  private FfmpegLog() {}

  /** Makes sure the callback is installed (class initialisation does it once). */
  public static void install() {
    // nothing: the static initialiser has run by now
  }

  /** Forgets the last error recorded on this thread. */
  public static void clearLastError() {
    LAST_ERROR.remove();
  }

  /** The last error FFmpeg logged on this thread since {@link #clearLastError()}, if any. */
  public static Optional<String> lastError() {
    return Optional.ofNullable(LAST_ERROR.get());
  }

  /** FFmpeg's description of an AVERROR code, e.g. "Invalid data found when processing input". */
  public static String describe(int errorCode) {
    byte[] buf = new byte[256];
    if (avutil.av_strerror(errorCode, buf, buf.length) < 0) {
      return "FFmpeg error " + errorCode;
    }
    int n = 0;
    while (n < buf.length && buf[n] != 0) {
      n++;
    }
    return new String(buf, 0, n, java.nio.charset.StandardCharsets.UTF_8);
  }

  private static final class Callback extends LogCallback {
    @Override
    public void call(int level, BytePointer msg) {
      String text = msg == null ? "" : msg.getString().strip();
      if (text.isEmpty()) {
        return;
      }
      if (level <= avutil.AV_LOG_ERROR) {
        LAST_ERROR.set(text);
        LOG.debug("ffmpeg error: {}", text);
      } else if (level <= avutil.AV_LOG_WARNING) {
        LOG.debug("ffmpeg warning: {}", text);
      } else {
        LOG.trace("ffmpeg: {}", text);
      }
    }
  }
}
