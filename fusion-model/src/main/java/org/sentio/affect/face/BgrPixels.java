package org.sentio.affect.face;

/**
 * A frame as the decoder hands it over, packed 8-bit BGR, read as RGB in 0..255 without copying:
 * the values are exactly those of {@link FloatImage#fromBgr}, so every step sampling from it gives
 * the same numbers while a 720p frame's 11 MB float copy is never made.
 */
public record BgrPixels(int width, int height, byte[] bgr) implements Pixels {

  /**
   * @throws IllegalArgumentException when the buffer does not hold {@code width * height * 3} bytes
   */
  public BgrPixels {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("frame size must be positive: " + width + "x" + height);
    }
    if (bgr.length != width * height * 3) {
      throw new IllegalArgumentException(
          "a "
              + width
              + "x"
              + height
              + " BGR frame needs "
              + (width * height * 3)
              + " bytes, got "
              + bgr.length);
    }
  }

  @Override
  public int channels() {
    return 3;
  }

  @Override
  public float get(int x, int y, int c) {
    return bgr[(y * width + x) * 3 + 2 - c] & 0xff;
  }
}
