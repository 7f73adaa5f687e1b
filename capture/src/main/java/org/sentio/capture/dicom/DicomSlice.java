package org.sentio.capture.dicom;

import java.nio.file.Path;

/**
 * One frame of an image: stored values (or packed RGB) with the rescale that turns them into
 * Hounsfield units for CT.
 *
 * @param source the file it came from
 * @param frame the frame index within that file (0 for single-frame images)
 */
public record DicomSlice(Path source, int frame, ImageInfo info, int[] stored) {

  public int width() {
    return info.columns();
  }

  public int height() {
    return info.rows();
  }

  /** The stored value at column x, row y (packed RGB for colour images). */
  public int storedAt(int x, int y) {
    return stored[y * info.columns() + x];
  }

  /** Rescale Slope × stored + Rescale Intercept: Hounsfield units for CT. */
  public double valueAt(int x, int y) {
    return info.rescaleSlope() * storedAt(x, y) + info.rescaleIntercept();
  }

  /** All rescaled values, row by row. */
  public float[] values() {
    float[] out = new float[stored.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) (info.rescaleSlope() * stored[i] + info.rescaleIntercept());
    }
    return out;
  }
}
