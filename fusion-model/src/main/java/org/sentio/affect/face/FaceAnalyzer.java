package org.sentio.affect.face;

import java.util.ArrayList;
import java.util.List;
import org.sentio.affect.EmotionDistribution;
import org.sentio.runtime.ModelException;
import org.sentio.runtime.ModelRegistry;
import org.sentio.runtime.OnnxHost;

/**
 * The face pipeline over BGR frames: BlazeFace detection, FaceMesh confirmation, IoU tracking,
 * eye-level alignment, batched expression classification, quality and circumplex valence/arousal.
 * Owns its three model sessions; one analyzer per video stream (the tracker keeps state between
 * frames); not thread-safe.
 */
public final class FaceAnalyzer implements AutoCloseable {
  /** Default lowest FaceMesh presence score for a detection to count as a face. */
  public static final double MIN_PRESENCE = 0.5;

  /** How a frame reaches the models; both give the same numbers. */
  public enum Preprocessing {
    /** Every crop and resize samples the decoder's bytes directly (the default). */
    FROM_BYTES,
    /**
     * The plain route the fast one is checked against: the whole frame is first converted to a
     * float RGB image.
     */
    FULL_FRAME_FLOAT
  }

  /**
   * Thread time spent so far, for benchmarks.
   *
   * @param frames frames analysed
   * @param detectionSeconds BlazeFace with its preprocessing, and the FaceMesh confirmation
   * @param expressionSeconds alignment, quality and the expression model
   */
  public record Timings(long frames, double detectionSeconds, double expressionSeconds) {}

  private final BlazeFaceDetector detector;
  private final FaceVerifier verifier;
  private final ExpressionClassifier classifier;
  private final FaceTracker tracker;
  private final double minPresence;
  private final Preprocessing preprocessing;
  private long frames;
  private long detectionNanos;
  private long expressionNanos;

  public FaceAnalyzer(
      BlazeFaceDetector detector,
      FaceVerifier verifier,
      ExpressionClassifier classifier,
      FaceTracker tracker,
      double minPresence) {
    this(detector, verifier, classifier, tracker, minPresence, Preprocessing.FROM_BYTES);
  }

  public FaceAnalyzer(
      BlazeFaceDetector detector,
      FaceVerifier verifier,
      ExpressionClassifier classifier,
      FaceTracker tracker,
      double minPresence,
      Preprocessing preprocessing) {
    this.detector = detector;
    this.verifier = verifier;
    this.classifier = classifier;
    this.tracker = tracker;
    this.minPresence = minPresence;
    this.preprocessing = preprocessing;
  }

  /**
   * Opens the three shipped face models from {@code registry} (each checked against its manifest's
   * sha256) on {@code host}.
   *
   * @throws ModelException naming the model when one is missing, altered or refused
   */
  public static FaceAnalyzer open(OnnxHost host, ModelRegistry registry) throws ModelException {
    return open(host, registry, Preprocessing.FROM_BYTES);
  }

  /**
   * Opens the three shipped face models as {@link #open(OnnxHost, ModelRegistry)} does, preparing
   * frames the given way.
   */
  public static FaceAnalyzer open(
      OnnxHost host, ModelRegistry registry, Preprocessing preprocessing) throws ModelException {
    return open(host, registry, preprocessing, ExpressionClassifier.DEFAULT);
  }

  /**
   * Opens the detector, the verifier and the expression model named {@code expressionModel} (one of
   * the {@code face-expression} family, e.g. {@link ExpressionClassifier#MODEL} or {@link
   * ExpressionClassifier#ENSEMBLE}).
   */
  public static FaceAnalyzer open(
      OnnxHost host, ModelRegistry registry, Preprocessing preprocessing, String expressionModel)
      throws ModelException {
    List<AutoCloseable> opened = new ArrayList<>();
    try {
      var detector =
          new BlazeFaceDetector(
              host.open(registry, registry.find(BlazeFaceDetector.MODEL)),
              BlazeFaceDetector.Options.DEFAULT);
      opened.add(detector);
      var verifier = new FaceVerifier(host.open(registry, registry.find(FaceVerifier.MODEL)));
      opened.add(verifier);
      var session = host.open(registry, registry.find(expressionModel));
      opened.add(session);
      var classifier = new ExpressionClassifier(session);
      return new FaceAnalyzer(
          detector, verifier, classifier, new FaceTracker(), MIN_PRESENCE, preprocessing);
    } catch (ModelException | RuntimeException e) {
      for (int i = opened.size() - 1; i >= 0; i--) {
        try {
          opened.get(i).close();
        } catch (Exception suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
  }

  /**
   * Analyses one frame.
   *
   * @param bgr packed 8-bit BGR pixels, {@code width * height * 3} bytes
   * @return one observation per confirmed face, best detection first; empty when there is none
   * @throws IllegalArgumentException when the buffer does not match the size
   */
  public List<FaceObservation> analyze(int width, int height, byte[] bgr) throws ModelException {
    long start = System.nanoTime();
    Pixels rgb =
        preprocessing == Preprocessing.FULL_FRAME_FLOAT
            ? FloatImage.fromBgr(width, height, bgr)
            : new BgrPixels(width, height, bgr);
    List<FaceDetection> detected = detector.detect(rgb);
    double[] presence = verifier.presence(rgb, detected);
    List<FaceDetection> faces = new ArrayList<>();
    for (int i = 0; i < detected.size(); i++) {
      if (presence[i] >= minPresence) {
        faces.add(detected.get(i));
      }
    }
    long verified = System.nanoTime();
    List<Integer> ids = tracker.update(faces.stream().map(FaceDetection::box).toList());
    List<AlignedFace> inputs = new ArrayList<>(faces.size());
    double[] quality = new double[faces.size()];
    for (int i = 0; i < faces.size(); i++) {
      FaceDetection face = faces.get(i);
      AlignedFace aligned = AlignedFace.of(rgb, face);
      FloatImage grey = aligned.grey(FaceAligner.SIZE);
      inputs.add(aligned);
      double side = Math.max(face.box().width(), face.box().height());
      quality[i] = FaceQuality.score(side, grey.laplacianVariance(), face.score());
    }
    List<EmotionDistribution> expressions = classifier.classify(inputs);
    long classified = System.nanoTime();
    frames++;
    detectionNanos += verified - start;
    expressionNanos += classified - verified;
    List<FaceObservation> out = new ArrayList<>(faces.size());
    for (int i = 0; i < faces.size(); i++) {
      FaceDetection face = faces.get(i);
      Circumplex.Point va = Circumplex.of(expressions.get(i));
      out.add(
          new FaceObservation(
              ids.get(i),
              face.box(),
              face.keypoints(),
              face.score(),
              quality[i],
              expressions.get(i),
              va.valence(),
              va.arousal()));
    }
    return out;
  }

  /** Thread time spent in {@link #analyze} so far. */
  public Timings timings() {
    return new Timings(frames, detectionNanos / 1e9, expressionNanos / 1e9);
  }

  @Override
  public void close() throws ModelException {
    ModelException first = null;
    for (AutoCloseable part : List.<AutoCloseable>of(classifier, verifier, detector)) {
      try {
        part.close();
      } catch (ModelException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
