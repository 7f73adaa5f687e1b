package org.sentio.app.live;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.sentio.app.ui.review.FrameImage;

/**
 * A capture source on an FFmpeg grabber: a camera device (v4l2, AVFoundation, DirectShow) or, as
 * the virtual camera, a media file played in real time and looped. Pictures come as BGR24, sound as
 * 16 kHz mono float. JavaCV hands back the same Frame every grab: it is copied here, on the capture
 * thread, before anyone else sees it.
 */
public final class GrabberSource implements CaptureSource {
  private final String input;
  private final String format;
  private final boolean virtual;
  private final String description;
  private FFmpegFrameGrabber grabber;
  private long startNanos;
  private double loopOffset;
  private double lastSeconds;
  private int width;
  private int height;
  private double frameRate;
  private boolean audio;

  private GrabberSource(String input, String format, boolean virtual, String description) {
    this.input = input;
    this.format = format;
    this.virtual = virtual;
    this.description = description;
  }

  /** The virtual camera: {@code file} played as if it were a camera, looping at its end. */
  public static GrabberSource virtualCamera(Path file) {
    return new GrabberSource(
        "file:" + file.toAbsolutePath(), null, true, "virtual camera: " + file.getFileName());
  }

  /** A camera device: a /dev/videoN path on Linux, a device index on macOS, a name on Windows. */
  public static GrabberSource camera(String device) {
    String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
    String format = os.startsWith("mac") ? "avfoundation" : os.startsWith("win") ? "dshow" : "v4l2";
    String input = os.startsWith("win") ? "video=" + device : device;
    return new GrabberSource(input, format, false, "camera " + device);
  }

  /** The cameras present: /dev/video* on Linux; none found elsewhere without probing. */
  public static java.util.List<String> cameraDevices() {
    java.util.List<String> found = new java.util.ArrayList<>();
    Path dev = Path.of("/dev");
    if (Files.isDirectory(dev)) {
      try (var list = Files.list(dev)) {
        list.map(Path::toString)
            .filter(p -> p.matches("/dev/video\\d+"))
            .sorted()
            .forEach(found::add);
      } catch (java.io.IOException | SecurityException e) {
        // no devices to offer
      }
    }
    return found;
  }

  @Override
  public void start() throws CaptureException {
    if (virtual && !Files.isRegularFile(Path.of(input.substring("file:".length())))) {
      throw new CaptureException(
          input.substring("file:".length())
              + ": the virtual camera's file does not exist; choose another in Settings",
          null);
    }
    if (!virtual
        && !input.startsWith("video=")
        && input.startsWith("/dev/")
        && !Files.exists(Path.of(input))) {
      throw new CaptureException(
          input + ": no camera there; plug one in or choose the virtual camera in Settings", null);
    }
    openGrabber();
    startNanos = System.nanoTime();
  }

  private void openGrabber() throws CaptureException {
    FFmpegFrameGrabber g = new FFmpegFrameGrabber(input);
    if (format != null) {
      g.setFormat(format);
    } else {
      g.setOption("protocol_whitelist", "file");
    }
    g.setImageMode(FrameGrabber.ImageMode.COLOR);
    g.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
    g.setSampleFormat(avutil.AV_SAMPLE_FMT_FLT);
    g.setSampleRate(16_000);
    g.setAudioChannels(1);
    try {
      g.start();
    } catch (FrameGrabber.Exception | RuntimeException e) {
      try {
        g.close();
      } catch (FrameGrabber.Exception ignored) {
        // abandoning it
      }
      throw new CaptureException(
          description
              + ": cannot be opened ("
              + e.getMessage()
              + ")"
              + (virtual ? "" : "; check that no other program uses the camera"),
          e);
    }
    grabber = g;
    width = g.getImageWidth();
    height = g.getImageHeight();
    frameRate = g.getFrameRate() > 0 ? g.getFrameRate() : 25;
    audio = g.getAudioChannels() > 0;
  }

  @Override
  public boolean grab(Sink sink) throws CaptureException {
    Frame frame;
    try {
      frame = grabber.grabFrame(true, true, true, false);
      if (frame == null && virtual) {
        loopOffset = lastSeconds + 1.0 / frameRate;
        grabber.setTimestamp(0);
        frame = grabber.grabFrame(true, true, true, false);
      }
    } catch (FrameGrabber.Exception | RuntimeException e) {
      throw new CaptureException(description + ": capture stopped (" + e.getMessage() + ")", e);
    }
    if (frame == null) {
      return false;
    }
    double seconds = loopOffset + frame.timestamp / 1e6;
    if (virtual) {
      pace(seconds);
    }
    if (frame.image != null) {
      lastSeconds = Math.max(lastSeconds, seconds);
      int w = frame.imageWidth;
      int h = frame.imageHeight;
      ByteBuffer buffer = ((ByteBuffer) frame.image[0]).duplicate();
      byte[] bgr = new byte[w * h * 3];
      for (int y = 0; y < h; y++) {
        buffer.position(y * frame.imageStride);
        buffer.get(bgr, y * w * 3, w * 3);
      }
      long now = System.nanoTime();
      sink.picture(
          new CapturedFrame(
              now,
              virtual ? seconds : (now - startNanos) / 1e9,
              w,
              h,
              bgr,
              FrameImage.bgrToArgb(bgr, w, h)));
    } else if (frame.samples != null && frame.samples.length > 0) {
      FloatBuffer samples = ((FloatBuffer) frame.samples[0]).duplicate();
      float[] copy = new float[samples.remaining()];
      samples.get(copy);
      sink.sound(virtual ? seconds : (System.nanoTime() - startNanos) / 1e9, copy);
    }
    return true;
  }

  /** Waits until {@code seconds} of media time have passed since the start. */
  private void pace(double seconds) {
    long due = startNanos + (long) (seconds * 1e9);
    long wait = due - System.nanoTime();
    if (wait > 0) {
      try {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public int width() {
    return width;
  }

  @Override
  public int height() {
    return height;
  }

  @Override
  public double frameRate() {
    return frameRate;
  }

  @Override
  public boolean hasAudio() {
    return audio;
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public void close() {
    if (grabber != null) {
      try {
        grabber.close();
      } catch (FrameGrabber.Exception e) {
        // closing: nothing left to do
      }
      grabber = null;
    }
  }
}
