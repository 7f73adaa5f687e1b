package org.sentio.affect.face;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns BlazeFace's raw outputs into face candidates, following {@code @vladmandic/human} 3.x
 * ({@code src/face/blazeface.ts} {@code getBoxes}/{@code decodeBoxes} and {@code
 * src/face/facemeshutil.ts} {@code generateAnchors}/{@code scaleBoxCoordinates}):
 *
 * <ul>
 *   <li>anchors: for stride 16 (2 anchors per cell, 16x16 cells) then stride 32 (6 per cell, 8x8),
 *       row by row, centre {@code (stride * (col + 0.5), stride * (row + 0.5))} in input pixels;
 *       512 + 384 = 896, in the order the two output heads are concatenated;
 *   <li>box: centre = anchor + regressors[0..1], size = regressors[2..3], all in input pixels;
 *   <li>keypoint k = anchor + regressors[4 + 2k .. 5 + 2k];
 *   <li>score = sigmoid(logit);
 *   <li>to source pixels: x * (sourceWidth / inputSize), y * (sourceHeight / inputSize) (human
 *       stretches the whole frame to the square input).
 * </ul>
 */
public final class BlazeFaceDecoder {
  /** Regressors per anchor: box centre (2), box size (2), six keypoints (12). */
  public static final int REGRESSORS = 16;

  private final int inputSize;
  private final float[][] anchors;

  public BlazeFaceDecoder(int inputSize) {
    this.inputSize = inputSize;
    this.anchors = anchors(inputSize);
  }

  public int inputSize() {
    return inputSize;
  }

  public int anchorCount() {
    return anchors.length;
  }

  /** The anchor centres in input pixels, as {@code generateAnchors(inputSize)}. */
  public static float[][] anchors(int inputSize) {
    int[] strides = {inputSize / 16, inputSize / 8};
    int[] perCell = {2, 6};
    List<float[]> out = new ArrayList<>();
    for (int s = 0; s < strides.length; s++) {
      int stride = strides[s];
      int grid = (inputSize + stride - 1) / stride;
      for (int gy = 0; gy < grid; gy++) {
        float ay = stride * (gy + 0.5f);
        for (int gx = 0; gx < grid; gx++) {
          float ax = stride * (gx + 0.5f);
          for (int n = 0; n < perCell[s]; n++) {
            out.add(new float[] {ax, ay});
          }
        }
      }
    }
    return out.toArray(new float[0][]);
  }

  public static double sigmoid(double logit) {
    return 1 / (1 + Math.exp(-logit));
  }

  /**
   * Decodes every anchor.
   *
   * @param logits one face logit per anchor (stride-16 anchors first)
   * @param regressors {@link #REGRESSORS} values per anchor, same order
   * @param sourceWidth width of the frame that was resized to the input
   * @param sourceHeight its height
   */
  public List<FaceDetection> decode(
      float[] logits, float[] regressors, int sourceWidth, int sourceHeight) {
    if (logits.length != anchors.length || regressors.length != anchors.length * REGRESSORS) {
      throw new IllegalArgumentException(
          "expected "
              + anchors.length
              + " logits and "
              + anchors.length * REGRESSORS
              + " regressors, got "
              + logits.length
              + " and "
              + regressors.length);
    }
    double sx = (double) sourceWidth / inputSize;
    double sy = (double) sourceHeight / inputSize;
    List<FaceDetection> out = new ArrayList<>(anchors.length);
    for (int i = 0; i < anchors.length; i++) {
      int r = i * REGRESSORS;
      double cx = anchors[i][0] + regressors[r];
      double cy = anchors[i][1] + regressors[r + 1];
      double w = regressors[r + 2];
      double h = regressors[r + 3];
      FaceBox box =
          FaceBox.fromCorners(
              (cx - w / 2) * sx, (cy - h / 2) * sy, (cx + w / 2) * sx, (cy + h / 2) * sy);
      List<FacePoint> points = new ArrayList<>(6);
      for (int k = 0; k < 6; k++) {
        points.add(
            new FacePoint(
                (anchors[i][0] + regressors[r + 4 + 2 * k]) * sx,
                (anchors[i][1] + regressors[r + 5 + 2 * k]) * sy));
      }
      out.add(new FaceDetection(box, points, sigmoid(logits[i])));
    }
    return out;
  }
}
