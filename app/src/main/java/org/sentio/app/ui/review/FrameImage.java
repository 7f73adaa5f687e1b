package org.sentio.app.ui.review;

import java.util.List;
import org.sentio.affect.face.FaceObservation;

/**
 * A decoded picture ready to draw: packed ARGB pixels, with the faces found on it (empty when no
 * face analysis ran).
 *
 * @param seconds media time of the picture
 * @param width pixels per row
 * @param height rows
 * @param argb {@code width * height} pixels
 * @param faces faces found on it
 */
public record FrameImage(
    double seconds, int width, int height, int[] argb, List<FaceObservation> faces) {

  public FrameImage {
    faces = List.copyOf(faces);
  }

  /** Converts packed BGR24 bytes to opaque ARGB pixels. */
  public static int[] bgrToArgb(byte[] bgr, int width, int height) {
    int[] out = new int[width * height];
    for (int i = 0, j = 0; i < out.length; i++, j += 3) {
      out[i] = 0xff000000 | (bgr[j + 2] & 0xff) << 16 | (bgr[j + 1] & 0xff) << 8 | (bgr[j] & 0xff);
    }
    return out;
  }
}
