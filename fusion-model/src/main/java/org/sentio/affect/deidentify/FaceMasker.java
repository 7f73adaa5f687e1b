package org.sentio.affect.deidentify;

import java.util.ArrayList;
import java.util.List;
import org.sentio.affect.face.FaceBox;
import org.sentio.affect.face.FaceDetection;
import org.sentio.affect.face.FacePoint;

/**
 * Hides faces in packed BGR frames, in place. A face box is first grown by a margin (BlazeFace's
 * box stops at the brows and the chin; hair line, ears and jaw identify a person too).
 *
 * <p>{@link FaceTreatment#BLUR}: the region is averaged down to a grid of {@value #CELLS}×{@value
 * #CELLS} cells and interpolated back smoothly; what remains is 36 colours per face, which no
 * deblurring can turn back into a face. {@link FaceTreatment#LANDMARKS}: the region is painted flat
 * grey and the six BlazeFace keypoints (eyes, nose, mouth, ears) drawn on it, so that where the
 * face was and where it looked stay visible.
 */
final class FaceMasker {
  static final int CELLS = 6;
  private static final double MARGIN = 0.3;
  private static final byte GREY = (byte) 128;

  private FaceMasker() {}

  /** The box grown by the margin on every side, clipped to the frame: {x0, y0, x1, y1}. */
  static int[] region(FaceBox box, int width, int height) {
    double mx = box.width() * MARGIN;
    double my = box.height() * MARGIN;
    int x0 = clamp((int) Math.floor(box.x() - mx), width);
    int y0 = clamp((int) Math.floor(box.y() - my * 1.3), height);
    int x1 = clamp((int) Math.ceil(box.x() + box.width() + mx), width);
    int y1 = clamp((int) Math.ceil(box.y() + box.height() + my), height);
    return new int[] {x0, y0, x1, y1};
  }

  static void mask(byte[] bgr, int width, int height, FaceDetection face, FaceTreatment how) {
    int[] r = region(face.box(), width, height);
    if (r[2] - r[0] < 2 || r[3] - r[1] < 2) {
      return;
    }
    if (how == FaceTreatment.BLUR) {
      blur(bgr, width, r);
    } else {
      paintLandmarks(bgr, width, height, r, face.keypoints());
    }
  }

  private static void blur(byte[] bgr, int width, int[] r) {
    int w = r[2] - r[0];
    int h = r[3] - r[1];
    double[][][] cells = new double[CELLS][CELLS][3];
    int[][] counts = new int[CELLS][CELLS];
    for (int y = r[1]; y < r[3]; y++) {
      int cy = Math.min(CELLS - 1, (y - r[1]) * CELLS / h);
      for (int x = r[0]; x < r[2]; x++) {
        int cx = Math.min(CELLS - 1, (x - r[0]) * CELLS / w);
        int i = (y * width + x) * 3;
        for (int c = 0; c < 3; c++) {
          cells[cy][cx][c] += bgr[i + c] & 0xff;
        }
        counts[cy][cx]++;
      }
    }
    for (int cy = 0; cy < CELLS; cy++) {
      for (int cx = 0; cx < CELLS; cx++) {
        for (int c = 0; c < 3; c++) {
          cells[cy][cx][c] /= Math.max(1, counts[cy][cx]);
        }
      }
    }
    for (int y = r[1]; y < r[3]; y++) {
      double fy = Math.max(0, Math.min(CELLS - 1, (y - r[1] + 0.5) * CELLS / h - 0.5));
      int y0 = (int) fy;
      int y1 = Math.min(CELLS - 1, y0 + 1);
      double ty = fy - y0;
      for (int x = r[0]; x < r[2]; x++) {
        double fx = Math.max(0, Math.min(CELLS - 1, (x - r[0] + 0.5) * CELLS / w - 0.5));
        int x0 = (int) fx;
        int x1 = Math.min(CELLS - 1, x0 + 1);
        double tx = fx - x0;
        int i = (y * width + x) * 3;
        for (int c = 0; c < 3; c++) {
          double top = cells[y0][x0][c] * (1 - tx) + cells[y0][x1][c] * tx;
          double bottom = cells[y1][x0][c] * (1 - tx) + cells[y1][x1][c] * tx;
          bgr[i + c] = (byte) Math.round(top * (1 - ty) + bottom * ty);
        }
      }
    }
  }

  private static void paintLandmarks(
      byte[] bgr, int width, int height, int[] r, List<FacePoint> keypoints) {
    for (int y = r[1]; y < r[3]; y++) {
      for (int x = r[0]; x < r[2]; x++) {
        int i = (y * width + x) * 3;
        bgr[i] = GREY;
        bgr[i + 1] = GREY;
        bgr[i + 2] = GREY;
      }
    }
    int radius = Math.max(2, (r[2] - r[0]) / 40);
    for (FacePoint p : keypoints) {
      int px = (int) Math.round(p.x());
      int py = (int) Math.round(p.y());
      for (int y = py - radius; y <= py + radius; y++) {
        for (int x = px - radius; x <= px + radius; x++) {
          if (x >= 0 && y >= 0 && x < width && y < height) {
            int i = (y * width + x) * 3;
            bgr[i] = (byte) 255;
            bgr[i + 1] = (byte) 255;
            bgr[i + 2] = (byte) 255;
          }
        }
      }
    }
  }

  /** The faces to hide in this frame: those seen now, and those seen lately that were not. */
  static List<FaceDetection> withRecent(
      List<FaceDetection> now, List<FaceDetection> recent, double iouSame) {
    List<FaceDetection> all = new ArrayList<>(now);
    for (FaceDetection old : recent) {
      if (now.stream().noneMatch(n -> n.box().iou(old.box()) > iouSame)) {
        all.add(old);
      }
    }
    return all;
  }

  private static int clamp(int v, int limit) {
    return Math.max(0, Math.min(limit, v));
  }
}
