package org.sentio.app.live;

/**
 * Where live pictures and sound come from: a camera (with its microphone where it has one) or the
 * virtual camera. Owns its native grabber. Used by one capture thread.
 */
public interface CaptureSource extends AutoCloseable {

  /** Receives what {@link #grab} read. */
  interface Sink {
    void picture(CapturedFrame frame);

    void sound(double seconds, float[] samples16k);
  }

  /** Opens the device or file; throws {@link CaptureException} with a message a user can act on. */
  void start() throws CaptureException;

  /**
   * Reads the next picture or block of sound and hands it to {@code sink}; blocks until it is due.
   *
   * @return false when the source has ended
   */
  boolean grab(Sink sink) throws CaptureException;

  int width();

  int height();

  double frameRate();

  boolean hasAudio();

  /** What the user chose, in words (e.g. "virtual camera: demo.mp4"). */
  String description();

  @Override
  void close();
}
