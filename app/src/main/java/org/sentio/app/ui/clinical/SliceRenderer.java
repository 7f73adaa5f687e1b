package org.sentio.app.ui.clinical;

import org.sentio.capture.dicom.DicomSlice;

/** Turns a slice into ARGB pixels through a window (linear, clipped). */
public final class SliceRenderer {
  private SliceRenderer() {}

  /** Grey level 0–255 for a value under window centre/width. */
  public static int grey(double value, double center, double width) {
    double lo = center - width / 2;
    double g = (value - lo) / Math.max(1, width) * 255;
    return (int) Math.max(0, Math.min(255, Math.round(g)));
  }

  public static int[] argb(DicomSlice slice, double center, double width) {
    int[] out = new int[slice.width() * slice.height()];
    boolean colour = slice.info().colour();
    boolean invert = "MONOCHROME1".equals(slice.info().photometric());
    double slope = slice.info().rescaleSlope();
    double intercept = slice.info().rescaleIntercept();
    int[] stored = slice.stored();
    for (int i = 0; i < out.length; i++) {
      if (colour) {
        out[i] = 0xFF000000 | stored[i];
      } else {
        int g = grey(slope * stored[i] + intercept, center, width);
        if (invert) {
          g = 255 - g;
        }
        out[i] = 0xFF000000 | g << 16 | g << 8 | g;
      }
    }
    return out;
  }
}
