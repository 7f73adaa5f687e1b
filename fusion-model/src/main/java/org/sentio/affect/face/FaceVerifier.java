package org.sentio.affect.face;

import java.util.ArrayList;
import java.util.List;
import org.sentio.runtime.ModelException;
import org.sentio.runtime.ModelSession;

/**
 * Confirms detections with the face presence score of the shipped FaceMesh model ({@code
 * resources/models/face-landmarks}), as {@code @vladmandic/human} 3.x {@code src/face/facemesh.ts}
 * does: the detector box is enlarged 1.4x about its centre and made square ({@code facemeshutil.ts}
 * {@code enlargeBox}, {@code squarifyBox}), cut to 192x192 with {@code tf.image.cropAndResize}
 * semantics, scaled to 0..1, and the mesh's {@code Identity_1} output is the score. Owns its
 * session.
 */
public final class FaceVerifier implements AutoCloseable {
  /** Model name in the registry. */
  public static final String MODEL = "face-landmarks";

  static final int SIZE = 192;
  static final double ENLARGE = 1.4;
  private static final int MAX_BATCH = 8;

  private final ModelSession session;

  public FaceVerifier(ModelSession session) {
    this.session = session;
  }

  /** The square crop human feeds to FaceMesh, in source pixels: {x0, y0, x1, y1}. */
  public static double[] meshCropBox(FaceBox box) {
    double side = Math.max(box.width(), box.height()) * ENLARGE;
    double half = side / 2;
    return new double[] {
      Math.round(box.centerX() - half),
      Math.round(box.centerY() - half),
      Math.round(box.centerX() + half),
      Math.round(box.centerY() + half)
    };
  }

  /** The FaceMesh input for one detection: {@code 192 x 192 x 3}, RGB in 0..1. */
  public static float[] preprocess(Pixels rgb, FaceBox box) {
    double[] c = meshCropBox(box);
    float[] x = Resampling.cropAndResize(rgb, c[0], c[1], c[2], c[3], SIZE).data();
    for (int i = 0; i < x.length; i++) {
      x[i] /= 255f;
    }
    return x;
  }

  /**
   * What FaceMesh saw in one detection's crop.
   *
   * @param presence the face presence score in [0, 1]
   * @param landmarkBox the bounding box of the 468 mesh landmarks, in source pixels
   * @param mouthOpening the mouth's opening from the same landmarks ({@link MouthOpening}), or
   *     {@code NaN} when the mesh has no 468 points
   */
  public record Check(double presence, FaceBox landmarkBox, double mouthOpening) {}

  /** The face presence score in [0, 1] of each detection, in order. */
  public double[] presence(Pixels rgb, List<FaceDetection> detections) throws ModelException {
    List<Check> checks = check(rgb, detections);
    double[] scores = new double[checks.size()];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = checks.get(i).presence();
    }
    return scores;
  }

  /**
   * The presence score and the landmarks' bounding box of each detection, in order, from one
   * FaceMesh run per detection (the landmarks let a face be followed to the next frame without the
   * detector, as {@code @vladmandic/human} does between detections).
   */
  public List<Check> check(Pixels rgb, List<FaceDetection> detections) throws ModelException {
    List<float[]> inputs = new ArrayList<>(detections.size());
    for (FaceDetection d : detections) {
      inputs.add(preprocess(rgb, d.box()));
    }
    List<Check> checks = new ArrayList<>(detections.size());
    if (inputs.isEmpty()) {
      return checks;
    }
    var outputs = session.runBatched("input_1", new long[] {SIZE, SIZE, 3}, inputs, MAX_BATCH);
    for (int i = 0; i < detections.size(); i++) {
      checks.add(
          new Check(
              outputs.get(i).get("Identity_1")[0],
              landmarkBox(meshCropBox(detections.get(i).box()), outputs.get(i).get("Identity")),
              MouthOpening.of(mesh(outputs.get(i)))));
    }
    return checks;
  }

  /** The output holding the 468 landmarks (x, y, z), found by its length; {@code null} if none. */
  private static float[] mesh(java.util.Map<String, float[]> outputs) {
    for (float[] values : outputs.values()) {
      if (values.length == MouthOpening.MESH_VALUES) {
        return values;
      }
    }
    return null;
  }

  /** The landmarks' bounding box in source pixels; the mesh gives x, y, z in crop pixels. */
  private static FaceBox landmarkBox(double[] crop, float[] mesh) {
    double minX = Double.MAX_VALUE;
    double minY = Double.MAX_VALUE;
    double maxX = -Double.MAX_VALUE;
    double maxY = -Double.MAX_VALUE;
    for (int i = 0; i + 2 < mesh.length; i += 3) {
      minX = Math.min(minX, mesh[i]);
      maxX = Math.max(maxX, mesh[i]);
      minY = Math.min(minY, mesh[i + 1]);
      maxY = Math.max(maxY, mesh[i + 1]);
    }
    double scale = (crop[2] - crop[0]) / SIZE;
    return FaceBox.fromCorners(
        crop[0] + minX * scale,
        crop[1] + minY * scale,
        crop[0] + maxX * scale,
        crop[1] + maxY * scale);
  }

  @Override
  public void close() throws ModelException {
    session.close();
  }
}
