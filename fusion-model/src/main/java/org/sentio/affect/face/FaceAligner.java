package org.sentio.affect.face;

/**
 * Cuts an upright face from a frame using the detector's eye keypoints: the crop is centred on the
 * detector box, its side is {@link #MARGIN} times the box's larger side, and it is rotated so that
 * the line between the eyes is horizontal. Produces the expression model's input as MODELS.md and
 * {@code @vladmandic/human} 3.x {@code src/gear/emotion.ts} prescribe: RGB to 0..1, grey = 0.2989 R
 * + 0.5870 G + 0.1140 B, then {@code (grey - 0.5) * 2}.
 */
public final class FaceAligner {
  /** Crop side relative to the detector box: FER-2013 faces are tightly framed. */
  public static final double MARGIN = 1.1;

  /** Expression model input size. */
  public static final int SIZE = 64;

  private FaceAligner() {}

  /**
   * The roll of the face in radians: the angle of the line from the eye on the image's left to the
   * eye on the image's right (0 when level; positive when the right one is lower on screen).
   */
  public static double roll(FaceDetection face) {
    FacePoint a = face.keypoints().get(FaceDetection.RIGHT_EYE);
    FacePoint b = face.keypoints().get(FaceDetection.LEFT_EYE);
    if (a.x() > b.x()) {
      FacePoint swap = a;
      a = b;
      b = swap;
    }
    return Math.atan2(b.y() - a.y(), b.x() - a.x());
  }

  /** The upright RGB crop, {@code size x size}, values as in {@code rgb}. */
  public static FloatImage uprightCrop(Pixels rgb, FaceDetection face, int size) {
    FaceBox box = face.box();
    double side = Math.max(box.width(), box.height()) * MARGIN;
    return Resampling.rotatedCrop(rgb, box.centerX(), box.centerY(), side, roll(face), size);
  }

  /** The expression model's input from a 0..255 grey crop: {@code (grey / 255 - 0.5) * 2}. */
  public static float[] expressionInput(FloatImage greyCrop) {
    float[] x = greyCrop.data().clone();
    for (int i = 0; i < x.length; i++) {
      x[i] = (x[i] / 255f - 0.5f) * 2f;
    }
    return x;
  }
}
