package org.sentio.affect.face;

/**
 * A per-face quality score in [0, 1]: the geometric mean of three factors, so that any one poor
 * factor pulls the score down.
 *
 * <ul>
 *   <li>size: the face box's larger side in source pixels, 0 at {@value #MIN_SIDE} px or less, 1 at
 *       {@value #GOOD_SIDE} px or more, linear between (FER-2013 faces are 48 px; below ~24 px
 *       expressions are not readable);
 *   <li>sharpness: variance of the Laplacian of the 64x64 grey crop (0..255), {@code v / (v +}
 *       {@value #HALF_SHARPNESS}{@code )}, 0.5 at {@value #HALF_SHARPNESS};
 *   <li>detection: the detector's score.
 * </ul>
 */
public final class FaceQuality {
  public static final double MIN_SIDE = 24;
  public static final double GOOD_SIDE = 96;
  public static final double HALF_SHARPNESS = 100;

  private FaceQuality() {}

  public static double sizeFactor(double sidePixels) {
    return clamp((sidePixels - MIN_SIDE) / (GOOD_SIDE - MIN_SIDE));
  }

  public static double sharpnessFactor(double laplacianVariance) {
    double v = Math.max(0, laplacianVariance);
    return v / (v + HALF_SHARPNESS);
  }

  public static double score(double sidePixels, double laplacianVariance, double detectionScore) {
    double product =
        sizeFactor(sidePixels) * sharpnessFactor(laplacianVariance) * clamp(detectionScore);
    return clamp(Math.cbrt(product));
  }

  private static double clamp(double v) {
    return Double.isNaN(v) ? 0 : Math.max(0, Math.min(1, v));
  }
}
