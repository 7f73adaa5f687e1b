package org.sentio.affect.face;

/**
 * An image read one value at a time, interleaved RGB or grey, 0..255 straight from a frame: the
 * source every preprocessing step samples from. A {@link FloatImage} holds its values; {@link
 * BgrPixels} reads them from the decoder's packed bytes, so that a frame is never converted whole.
 */
public interface Pixels {
  int width();

  int height();

  int channels();

  /** Channel {@code c} (0 = R for colour images) of the pixel at ({@code x}, {@code y}). */
  float get(int x, int y, int c);
}
