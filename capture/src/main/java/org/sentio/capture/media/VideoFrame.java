package org.sentio.capture.media;

/**
 * One decoded picture, converted to packed BGR24 (OpenCV's order), owned by the receiver.
 *
 * @param timestampSeconds presentation time from the stream, seconds from the file's start
 * @param width pixels per row
 * @param height rows
 * @param bgr {@code width * height * 3} bytes, row by row, blue-green-red; a private copy
 */
public record VideoFrame(double timestampSeconds, int width, int height, byte[] bgr) {

  public VideoFrame {
    if (width <= 0 || height <= 0 || bgr == null || bgr.length != width * height * 3) {
      throw new IllegalArgumentException("BGR buffer does not match " + width + "x" + height);
    }
  }

  /** Blue, green and red (0–255) of the pixel at column {@code x}, row {@code y}. */
  public int[] pixel(int x, int y) {
    int i = (y * width + x) * 3;
    return new int[] {bgr[i] & 0xff, bgr[i + 1] & 0xff, bgr[i + 2] & 0xff};
  }
}
