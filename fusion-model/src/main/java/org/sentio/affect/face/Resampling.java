package org.sentio.affect.face;

/**
 * The bilinear resampling every face model's input is cut with, over any {@link Pixels}: one copy
 * of the arithmetic, so that sampling a decoder's bytes and sampling a float image of them give the
 * same numbers.
 */
final class Resampling {
  private Resampling() {}

  /**
   * Bilinear resize exactly as TF.js {@code tf.image.resizeBilinear(image, size, false)} (no
   * aligned corners, no half-pixel centres): source coordinate {@code dst * in / out}.
   */
  static FloatImage resizeBilinear(Pixels src, int outWidth, int outHeight) {
    int width = src.width();
    int height = src.height();
    int channels = src.channels();
    float[] out = new float[outWidth * outHeight * channels];
    double scaleY = (double) height / outHeight;
    double scaleX = (double) width / outWidth;
    // The column positions repeat on every row: computed once.
    int[] left = new int[outWidth];
    int[] right = new int[outWidth];
    double[] weight = new double[outWidth];
    for (int x = 0; x < outWidth; x++) {
      double fx = scaleX * x;
      left[x] = Math.max(0, (int) Math.floor(fx));
      right[x] = Math.min(width - 1, (int) Math.ceil(fx));
      weight[x] = fx - left[x];
    }
    if (src instanceof BgrPixels frame) {
      resizeBytes(frame, outWidth, outHeight, scaleY, left, right, weight, out);
      return new FloatImage(outWidth, outHeight, channels, out);
    }
    for (int y = 0; y < outHeight; y++) {
      double fy = scaleY * y;
      int y0 = Math.max(0, (int) Math.floor(fy));
      int y1 = Math.min(height - 1, (int) Math.ceil(fy));
      double dy = fy - y0;
      for (int x = 0; x < outWidth; x++) {
        int x0 = left[x];
        int x1 = right[x];
        double dx = weight[x];
        for (int c = 0; c < channels; c++) {
          out[(y * outWidth + x) * channels + c] = bilinear(src, x0, x1, y0, y1, c, dx, dy);
        }
      }
    }
    return new FloatImage(outWidth, outHeight, channels, out);
  }

  /**
   * {@link #resizeBilinear} reading the decoder's bytes by offset: the same arithmetic on the same
   * values (bytes widen to float exactly), for the detector input of every analysed frame.
   */
  private static void resizeBytes(
      BgrPixels frame,
      int outWidth,
      int outHeight,
      double scaleY,
      int[] left,
      int[] right,
      double[] weight,
      float[] out) {
    byte[] bgr = frame.bgr();
    int height = frame.height();
    int rowBytes = frame.width() * 3;
    int o = 0;
    for (int y = 0; y < outHeight; y++) {
      double fy = scaleY * y;
      int y0 = Math.max(0, (int) Math.floor(fy));
      int y1 = Math.min(height - 1, (int) Math.ceil(fy));
      double dy = fy - y0;
      int row0 = y0 * rowBytes;
      int row1 = y1 * rowBytes;
      for (int x = 0; x < outWidth; x++) {
        int col0 = left[x] * 3;
        int col1 = right[x] * 3;
        double dx = weight[x];
        // RGB out of BGR bytes: channel c sits at byte 2 - c.
        for (int c = 0; c < 3; c++) {
          float a = bgr[row0 + col0 + 2 - c] & 0xff;
          float b = bgr[row0 + col1 + 2 - c] & 0xff;
          float d = bgr[row1 + col0 + 2 - c] & 0xff;
          float e = bgr[row1 + col1 + 2 - c] & 0xff;
          double top = a + (b - a) * dx;
          double bottom = d + (e - d) * dx;
          out[o++] = (float) (top + (bottom - top) * dy);
        }
      }
    }
  }

  /** Bilinear sample at a real-valued position; outside the image reads 0 (black). */
  static float sample(Pixels src, double x, double y, int c) {
    int x0 = (int) Math.floor(x);
    int y0 = (int) Math.floor(y);
    double dx = x - x0;
    double dy = y - y0;
    double v00 = at(src, x0, y0, c);
    double v10 = at(src, x0 + 1, y0, c);
    double v01 = at(src, x0, y0 + 1, c);
    double v11 = at(src, x0 + 1, y0 + 1, c);
    double top = v00 + (v10 - v00) * dx;
    double bottom = v01 + (v11 - v01) * dx;
    return (float) (top + (bottom - top) * dy);
  }

  private static float at(Pixels src, int x, int y, int c) {
    return x < 0 || y < 0 || x >= src.width() || y >= src.height() ? 0f : src.get(x, y, c);
  }

  /** See {@link FloatImage#rotatedCrop}. */
  static FloatImage rotatedCrop(
      Pixels src, double cx, double cy, double side, double angle, int size) {
    int channels = src.channels();
    float[] out = new float[size * size * channels];
    double scale = side / size;
    double cos = Math.cos(angle);
    double sin = Math.sin(angle);
    for (int v = 0; v < size; v++) {
      double ly = (v + 0.5) * scale - side / 2;
      for (int u = 0; u < size; u++) {
        double lx = (u + 0.5) * scale - side / 2;
        // crop-local offset rotated back into the source frame, then shifted to pixel corners
        double sx = cx + lx * cos - ly * sin - 0.5;
        double sy = cy + lx * sin + ly * cos - 0.5;
        for (int c = 0; c < channels; c++) {
          out[(v * size + u) * channels + c] = sample(src, sx, sy, c);
        }
      }
    }
    return new FloatImage(size, size, channels, out);
  }

  /** See {@link FloatImage#cropAndResize}. */
  static FloatImage cropAndResize(
      Pixels src, double x0, double y0, double x1, double y1, int size) {
    int width = src.width();
    int height = src.height();
    int channels = src.channels();
    float[] out = new float[size * size * channels];
    double ny0 = y0 / height;
    double ny1 = y1 / height;
    double nx0 = x0 / width;
    double nx1 = x1 / width;
    double stepY = size > 1 ? (ny1 - ny0) * (height - 1) / (size - 1) : 0;
    double stepX = size > 1 ? (nx1 - nx0) * (width - 1) / (size - 1) : 0;
    for (int v = 0; v < size; v++) {
      double sy = size > 1 ? ny0 * (height - 1) + v * stepY : 0.5 * (ny0 + ny1) * (height - 1);
      if (sy < 0 || sy > height - 1) {
        continue;
      }
      int top = (int) Math.floor(sy);
      int bottom = (int) Math.ceil(sy);
      double dy = sy - top;
      for (int u = 0; u < size; u++) {
        double sx = size > 1 ? nx0 * (width - 1) + u * stepX : 0.5 * (nx0 + nx1) * (width - 1);
        if (sx < 0 || sx > width - 1) {
          continue;
        }
        int left = (int) Math.floor(sx);
        int right = (int) Math.ceil(sx);
        double dx = sx - left;
        for (int c = 0; c < channels; c++) {
          out[(v * size + u) * channels + c] = bilinear(src, left, right, top, bottom, c, dx, dy);
        }
      }
    }
    return new FloatImage(size, size, channels, out);
  }

  /** Channel {@code c} between the four pixels (x0|x1, y0|y1), weighted by dx and dy. */
  private static float bilinear(
      Pixels src, int x0, int x1, int y0, int y1, int c, double dx, double dy) {
    float a = src.get(x0, y0, c);
    float b = src.get(x1, y0, c);
    float d = src.get(x0, y1, c);
    float e = src.get(x1, y1, c);
    double top = a + (b - a) * dx;
    double bottom = d + (e - d) * dx;
    return (float) (top + (bottom - top) * dy);
  }
}
