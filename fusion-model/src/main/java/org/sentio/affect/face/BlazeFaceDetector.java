package org.sentio.affect.face;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sentio.runtime.ModelException;
import org.sentio.runtime.ModelSession;
import org.sentio.runtime.Tensor;

/**
 * Finds faces with the shipped BlazeFace model ({@code resources/models/face-detector}). Owns its
 * session. Preprocessing as {@code @vladmandic/human} 3.x {@code src/face/blazeface.ts}: the whole
 * frame is resized bilinearly (no aligned corners, no half-pixel centres) to 256x256, stretched
 * when not square, and scaled to {@code v / 127.5 - 1}; decoding in {@link BlazeFaceDecoder}; then
 * score threshold and non-max suppression.
 */
public final class BlazeFaceDetector implements AutoCloseable {
  /** Model name in the registry. */
  public static final String MODEL = "face-detector";

  /**
   * Detection settings.
   *
   * @param minScore lowest face score kept: 0.5, MediaPipe's default for this model (human uses 0.2
   *     because its FaceMesh stage re-checks every box; Sentio re-checks with {@link FaceVerifier}
   *     too, but feeds the expression model only confident boxes)
   * @param iouThreshold boxes overlapping a better one by more than this are dropped
   * @param maxFaces most faces reported per frame
   */
  public record Options(double minScore, double iouThreshold, int maxFaces) {
    public static final Options DEFAULT = new Options(0.5, 0.3, 10);
  }

  private static final String INPUT = "input";
  private static final List<String> LOGITS = List.of("Identity", "Identity_1");
  private static final List<String> REGRESSORS = List.of("Identity_2", "Identity_3");

  private final ModelSession session;
  private final Options options;
  private final BlazeFaceDecoder decoder = new BlazeFaceDecoder(256);

  public BlazeFaceDetector(ModelSession session, Options options) {
    this.session = session;
    this.options = options;
  }

  /** The model input for one RGB frame (values 0..255): {@code [1, 256, 256, 3]}, in [-1, 1]. */
  public static float[] preprocess(Pixels rgb, int size) {
    float[] x = Resampling.resizeBilinear(rgb, size, size).data();
    for (int i = 0; i < x.length; i++) {
      x[i] = x[i] / 127.5f - 1f;
    }
    return x;
  }

  /** Every anchor decoded, before thresholding and suppression. */
  public List<FaceDetection> candidates(Pixels rgb) throws ModelException {
    int size = decoder.inputSize();
    Map<String, Tensor> out =
        session.run(
            Map.of(INPUT, Tensor.ofFloats(new long[] {1, size, size, 3}, preprocess(rgb, size))));
    float[] logits = concat(out.get(LOGITS.get(0)).floats(), out.get(LOGITS.get(1)).floats());
    float[] regressors =
        concat(out.get(REGRESSORS.get(0)).floats(), out.get(REGRESSORS.get(1)).floats());
    return decoder.decode(logits, regressors, rgb.width(), rgb.height());
  }

  /** Faces in an RGB frame (values 0..255), best first. */
  public List<FaceDetection> detect(Pixels rgb) throws ModelException {
    List<FaceDetection> all = candidates(rgb);
    List<FaceBox> boxes = new ArrayList<>(all.size());
    double[] scores = new double[all.size()];
    for (int i = 0; i < all.size(); i++) {
      boxes.add(all.get(i).box());
      scores[i] = all.get(i).score();
    }
    List<FaceDetection> faces = new ArrayList<>();
    for (int i :
        NonMaxSuppression.select(
            boxes, scores, options.iouThreshold(), options.minScore(), options.maxFaces())) {
      faces.add(all.get(i));
    }
    return faces;
  }

  private static float[] concat(float[] a, float[] b) {
    float[] out = new float[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Override
  public void close() throws ModelException {
    session.close();
  }
}
