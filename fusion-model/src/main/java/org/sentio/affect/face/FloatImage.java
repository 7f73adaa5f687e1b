package org.sentio.affect.face;

/**
 * An interleaved (HWC) float image: {@code data[(y * width + x) * channels + c]}. Values are
 * whatever the producer says (0..255 straight from a frame). Plain arrays so that every
 * preprocessing step is testable without native code.
 */
public record FloatImage(int width, int height, int channels, float[] data) implements Pixels {

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

  @Override
  public float get(int x, int y, int c) {
    return data[(y * width + x) * channels + c];
  }

  /**
   * Bilinear resize exactly as TF.js {@code tf.image.resizeBilinear(image, size, false)} (no
   * aligned corners, no half-pixel centres): source coordinate {@code dst * in / out}.
   */
  public FloatImage resizeBilinear(int outWidth, int outHeight) {
    return Resampling.resizeBilinear(this, outWidth, outHeight);
  }

  /** Bilinear sample at a real-valued position; outside the image reads 0 (black). */
  public float sample(double x, double y, int c) {
    return Resampling.sample(this, x, y, c);
  }

  /**
   * A {@code size x size} crop of the square centred at ({@code cx}, {@code cy}) with side {@code
   * side} source pixels whose x-axis points along {@code angle} radians in the source image (image
   * coordinates, y down); passing the angle of the line between the eyes gives a crop with level
   * eyes. Sampled bilinearly at pixel centres; outside the image reads black.
   */
  public FloatImage rotatedCrop(double cx, double cy, double side, double angle, int size) {
    return Resampling.rotatedCrop(this, cx, cy, side, angle, size);
  }

  /**
   * Crop of the box from ({@code x0}, {@code y0}) to ({@code x1}, {@code y1}) (source pixels)
   * resized bilinearly to {@code size x size}, exactly as TF.js {@code tf.image.cropAndResize} with
   * the normalised box {@code [y0/H, x0/W, y1/H, x1/W]}: sample {@code y = y0/H * (H-1) + v * (y1 -
   * y0)/H * (H-1)/(size-1)}; samples outside the image read 0.
   */
  public FloatImage cropAndResize(double x0, double y0, double x1, double y1, int size) {
    return Resampling.cropAndResize(this, x0, y0, x1, y1, size);
  }

  /** Luma with the weights of MODELS.md / human's emotion.ts: 0.2989 R + 0.5870 G + 0.1140 B. */
  /** The image mirrored left to right. */
  public FloatImage mirrored() {
    float[] out = new float[data.length];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        System.arraycopy(
            data,
            (y * width + x) * channels,
            out,
            (y * width + width - 1 - x) * channels,
            channels);
      }
    }
    return new FloatImage(width, height, channels, out);
  }

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
