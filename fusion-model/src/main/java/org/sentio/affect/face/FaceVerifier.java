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

  /** The face presence score in [0, 1] of each detection, in order. */
  public double[] presence(Pixels rgb, List<FaceDetection> detections) throws ModelException {
    List<float[]> inputs = new ArrayList<>(detections.size());
    for (FaceDetection d : detections) {
      inputs.add(preprocess(rgb, d.box()));
    }
    double[] scores = new double[detections.size()];
    if (inputs.isEmpty()) {
      return scores;
    }
    var outputs = session.runBatched("input_1", new long[] {SIZE, SIZE, 3}, inputs, MAX_BATCH);
    for (int i = 0; i < scores.length; i++) {
      scores[i] = outputs.get(i).get("Identity_1")[0];
    }
    return scores;
  }

  @Override
  public void close() throws ModelException {
    session.close();
  }
}
