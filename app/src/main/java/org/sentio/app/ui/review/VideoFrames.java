package org.sentio.app.ui.review;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.sentio.capture.media.VideoFrame;

/**
 * Pictures of a media file by time, decoded by FFmpeg (any format it reads, where JavaFX media
 * could not play it). Owns its grabber; one caller at a time.
 */
public final class VideoFrames implements AutoCloseable {
  private final FFmpegFrameGrabber grabber;

  private VideoFrames(FFmpegFrameGrabber grabber) {
    this.grabber = grabber;
  }

  /** Opens {@code file}; throws when it has no readable video. */
  public static VideoFrames open(Path file) throws FrameGrabber.Exception {
    FFmpegFrameGrabber g = new FFmpegFrameGrabber("file:" + file.toAbsolutePath());
    g.setOption("protocol_whitelist", "file");
    g.setImageMode(FrameGrabber.ImageMode.COLOR);
    g.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
    g.start();
    if (!g.hasVideo()) {
      g.close();
      throw new FrameGrabber.Exception(file + ": no video stream");
    }
    return new VideoFrames(g);
  }

  /** The picture shown at {@code seconds}, as BGR, or {@code null} past the end. */
  public synchronized VideoFrame at(double seconds) throws FrameGrabber.Exception {
    grabber.setVideoTimestamp(Math.max(0, Math.round(seconds * 1e6)));
    Frame frame = grabber.grabImage();
    if (frame == null || frame.image == null) {
      return null;
    }
    int w = frame.imageWidth;
    int h = frame.imageHeight;
    ByteBuffer buffer = ((ByteBuffer) frame.image[0]).duplicate();
    int stride = frame.imageStride;
    byte[] bgr = new byte[w * h * 3];
    for (int y = 0; y < h; y++) {
      buffer.position(y * stride);
      buffer.get(bgr, y * w * 3, w * 3);
    }
    return new VideoFrame(frame.timestamp / 1e6, w, h, bgr);
  }

  @Override
  public synchronized void close() {
    try {
      grabber.close();
    } catch (FrameGrabber.Exception e) {
      // closing: nothing left to do
    }
  }
}
