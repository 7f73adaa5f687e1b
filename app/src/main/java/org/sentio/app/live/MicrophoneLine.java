package org.sentio.app.live;

import javax.sound.sampled.AudioFormat;

/**
 * An open microphone as raw PCM, the shape of Java Sound's {@code TargetDataLine}: 16-bit signed
 * little-endian, mono or stereo, at 16 or 48 kHz. Read by one thread.
 */
public interface MicrophoneLine extends AutoCloseable {

  /** The line's format (see above). */
  AudioFormat format();

  /**
   * Reads up to {@code length} bytes (whole frames); blocks until they are there.
   *
   * @return bytes read; 0 or less once the line is closed or broken
   */
  int read(byte[] buffer, int offset, int length);

  @Override
  void close();
}
