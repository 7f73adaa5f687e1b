package org.sentio.affect.face;

/**
 * An interleaved (HWC) float image: {@code data[(y * width + x) * channels + c]}. Values are
 * whatever the producer says (0..255 straight from a frame). Plain arrays so that every
 * preprocessing step is testable without native code.
 */
public record FloatImage(int width, int height, int channels, float[] data) {

  public FloatImage {
    if (width <= 0 || height <= 0 || channels <= 0) {
      throw new IllegalArgumentException(
          "image size must be positive: " + width + "x" + height + "x" + channels);
    }
    if (data.length != width * height * channels) {
      throw new IllegalArgumentException(
          "expected " + (width * height * channels) + " values, got " + data.length);
    }
  }

  /** RGB in 0..255 from packed 8-bit BGR (OpenCV/JavaCV order), as video frames arrive. */
  public static FloatImage fromBgr(int width, int height, byte[] bgr) {
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
    float[] rgb = new float[bgr.length];
    for (int i = 0; i < bgr.length; i += 3) {
      rgb[i] = bgr[i + 2] & 0xff;
      rgb[i + 1] = bgr[i + 1] & 0xff;
      rgb[i + 2] = bgr[i] & 0xff;
    }
    return new FloatImage(width, height, 3, rgb);
  }

  public float get(int x, int y, int c) {
    return data[(y * width + x) * channels + c];
  }

  /**
   * Bilinear resize exactly as TF.js {@code tf.image.resizeBilinear(image, size, false)} (no
   * aligned corners, no half-pixel centres): source coordinate {@code dst * in / out}.
   */
  public FloatImage resizeBilinear(int outWidth, int outHeight) {
    float[] out = new float[outWidth * outHeight * channels];
    double scaleY = (double) height / outHeight;
    double scaleX = (double) width / outWidth;
    for (int y = 0; y < outHeight; y++) {
      double fy = scaleY * y;
      int y0 = Math.max(0, (int) Math.floor(fy));
      int y1 = Math.min(height - 1, (int) Math.ceil(fy));
      double dy = fy - y0;
      for (int x = 0; x < outWidth; x++) {
        double fx = scaleX * x;
        int x0 = Math.max(0, (int) Math.floor(fx));
        int x1 = Math.min(width - 1, (int) Math.ceil(fx));
        double dx = fx - x0;
        for (int c = 0; c < channels; c++) {
          double top = get(x0, y0, c) + (get(x1, y0, c) - get(x0, y0, c)) * dx;
          double bottom = get(x0, y1, c) + (get(x1, y1, c) - get(x0, y1, c)) * dx;
          out[(y * outWidth + x) * channels + c] = (float) (top + (bottom - top) * dy);
        }
      }
    }
    return new FloatImage(outWidth, outHeight, channels, out);
  }

  /** Bilinear sample at a real-valued position; outside the image reads 0 (black). */
  public float sample(double x, double y, int c) {
    int x0 = (int) Math.floor(x);
    int y0 = (int) Math.floor(y);
    double dx = x - x0;
    double dy = y - y0;
    double v00 = at(x0, y0, c);
    double v10 = at(x0 + 1, y0, c);
    double v01 = at(x0, y0 + 1, c);
    double v11 = at(x0 + 1, y0 + 1, c);
    double top = v00 + (v10 - v00) * dx;
    double bottom = v01 + (v11 - v01) * dx;
    return (float) (top + (bottom - top) * dy);
  }

  private float at(int x, int y, int c) {
    return x < 0 || y < 0 || x >= width || y >= height ? 0f : get(x, y, c);
  }

  /**
   * A {@code size x size} crop of the square centred at ({@code cx}, {@code cy}) with side {@code
   * side} source pixels whose x-axis points along {@code angle} radians in the source image (image
   * coordinates, y down); passing the angle of the line between the eyes gives a crop with level
   * eyes. Sampled bilinearly at pixel centres; outside the image reads black.
   */
  public FloatImage rotatedCrop(double cx, double cy, double side, double angle, int size) {
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
          out[(v * size + u) * channels + c] = sample(sx, sy, c);
        }
      }
    }
    return new FloatImage(size, size, channels, out);
  }

  /**
   * Crop of the box from ({@code x0}, {@code y0}) to ({@code x1}, {@code y1}) (source pixels)
   * resized bilinearly to {@code size x size}, exactly as TF.js {@code tf.image.cropAndResize} with
   * the normalised box {@code [y0/H, x0/W, y1/H, x1/W]}: sample {@code y = y0/H * (H-1) + v * (y1 -
   * y0)/H * (H-1)/(size-1)}; samples outside the image read 0.
   */
  public FloatImage cropAndResize(double x0, double y0, double x1, double y1, int size) {
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
          double t = get(left, top, c) + (get(right, top, c) - get(left, top, c)) * dx;
          double b = get(left, bottom, c) + (get(right, bottom, c) - get(left, bottom, c)) * dx;
          out[(v * size + u) * channels + c] = (float) (t + (b - t) * dy);
        }
      }
    }
    return new FloatImage(size, size, channels, out);
  }

  /** Luma with the weights of MODELS.md / human's emotion.ts: 0.2989 R + 0.5870 G + 0.1140 B. */
  public FloatImage grey() {
    if (channels == 1) {
      return this;
    }
    float[] out = new float[width * height];
    for (int i = 0; i < out.length; i++) {
      out[i] = 0.2989f * data[i * 3] + 0.5870f * data[i * 3 + 1] + 0.1140f * data[i * 3 + 2];
    }
    return new FloatImage(width, height, 1, out);
  }

  /**
   * Variance of the 4-neighbour Laplacian over the interior of channel 0: a standard sharpness
   * measure (low for blurred images); 0 for images smaller than 3x3.
   */
  public double laplacianVariance() {
    if (width < 3 || height < 3) {
      return 0;
    }
    double sum = 0;
    double sumSq = 0;
    long n = 0;
    for (int y = 1; y < height - 1; y++) {
      for (int x = 1; x < width - 1; x++) {
        double lap =
            get(x - 1, y, 0)
                + get(x + 1, y, 0)
                + get(x, y - 1, 0)
                + get(x, y + 1, 0)
                - 4.0 * get(x, y, 0);
        sum += lap;
        sumSq += lap * lap;
        n++;
      }
    }
    double mean = sum / n;
    return Math.max(0, sumSq / n - mean * mean);
  }
}
