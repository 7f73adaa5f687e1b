package org.sentio.affect.face;

import java.util.ArrayList;
import java.util.List;
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
  private final List<FollowedFace> followed = new ArrayList<>();
  private final List<Double> mouths = new ArrayList<>();
  private int detectionInterval = 1;
  private int framesSinceDetection;
  private long detections;
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
   * Runs the detector on every {@code frames}-th frame only and follows the faces it found by their
   * FaceMesh landmarks in between (1, the default, detects on every frame). A face that FaceMesh no
   * longer confirms makes the detector run at once; a face appearing between detections is found at
   * the next one. Returns this analyzer.
   */
  public FaceAnalyzer detectEvery(int frames) {
    if (frames < 1) {
      throw new IllegalArgumentException("detection interval must be at least 1, got " + frames);
    }
    this.detectionInterval = frames;
    return this;
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
    List<FaceDetection> faces = followed(rgb);
    if (faces == null) {
      faces = detected(rgb);
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
    List<ExpressionClassifier.Reading> expressions = classifier.read(inputs);
    long classified = System.nanoTime();
    frames++;
    detectionNanos += verified - start;
    expressionNanos += classified - verified;
    List<FaceObservation> out = new ArrayList<>(faces.size());
    for (int i = 0; i < faces.size(); i++) {
      FaceDetection face = faces.get(i);
      ExpressionClassifier.Reading reading = expressions.get(i);
      Circumplex.Point va = Circumplex.of(reading.expression());
      out.add(
          new FaceObservation(
              ids.get(i),
              face.box(),
              face.keypoints(),
              face.score(),
              quality[i],
              reading.expression(),
              va.valence(),
              va.arousal(),
              mouths.get(i),
              reading.embedding()));
    }
    return out;
  }

  /** The detector's confirmed faces, which the frames until the next detection follow. */
  private List<FaceDetection> detected(Pixels rgb) throws ModelException {
    List<FaceDetection> detected = detector.detect(rgb);
    List<FaceVerifier.Check> checks = verifier.check(rgb, detected);
    List<FaceDetection> faces = new ArrayList<>();
    followed.clear();
    mouths.clear();
    for (int i = 0; i < detected.size(); i++) {
      if (checks.get(i).presence() >= minPresence) {
        faces.add(detected.get(i));
        mouths.add(checks.get(i).mouthOpening());
        followed.add(new FollowedFace(detected.get(i), checks.get(i).landmarkBox()));
      }
    }
    framesSinceDetection = 0;
    detections++;
    return faces;
  }

  /**
   * The faces of the last detection carried to this frame by their FaceMesh landmarks, or {@code
   * null} when the detector must run: every frame at an interval of 1, at the end of an interval,
   * when no face was followed, or when FaceMesh no longer confirms one of them (the track is lost).
   */
  private List<FaceDetection> followed(Pixels rgb) throws ModelException {
    if (detectionInterval <= 1
        || followed.isEmpty()
        || framesSinceDetection + 1 >= detectionInterval) {
      return null;
    }
    List<FaceDetection> previous = new ArrayList<>(followed.size());
    for (FollowedFace face : followed) {
      previous.add(face.current());
    }
    List<FaceVerifier.Check> checks = verifier.check(rgb, previous);
    List<FaceDetection> faces = new ArrayList<>(followed.size());
    for (int i = 0; i < checks.size(); i++) {
      if (checks.get(i).presence() < minPresence) {
        return null;
      }
      faces.add(followed.get(i).movedTo(checks.get(i).landmarkBox()));
    }
    mouths.clear();
    checks.forEach(check -> mouths.add(check.mouthOpening()));
    framesSinceDetection++;
    return faces;
  }

  /**
   * A detected face followed between detections: the detection, the landmark box FaceMesh found on
   * it, and where it is now. The landmark box's shift and scale since the detection move the
   * detector's box and keypoints, so that later stages see a box of the detector's kind.
   */
  private static final class FollowedFace {
    private final FaceDetection detection;
    private final FaceBox landmarksAtDetection;
    private FaceDetection current;

    FollowedFace(FaceDetection detection, FaceBox landmarksAtDetection) {
      this.detection = detection;
      this.landmarksAtDetection = landmarksAtDetection;
      this.current = detection;
    }

    FaceDetection current() {
      return current;
    }

    FaceDetection movedTo(FaceBox landmarks) {
      double scale =
          (landmarks.width() / Math.max(1e-6, landmarksAtDetection.width())
                  + landmarks.height() / Math.max(1e-6, landmarksAtDetection.height()))
              / 2;
      double fromX = landmarksAtDetection.centerX();
      double fromY = landmarksAtDetection.centerY();
      double toX = landmarks.centerX();
      double toY = landmarks.centerY();
      FaceBox box = detection.box();
      FaceBox moved =
          new FaceBox(
              toX + (box.x() - fromX) * scale,
              toY + (box.y() - fromY) * scale,
              box.width() * scale,
              box.height() * scale);
      List<FacePoint> points = new ArrayList<>(detection.keypoints().size());
      for (FacePoint p : detection.keypoints()) {
        points.add(new FacePoint(toX + (p.x() - fromX) * scale, toY + (p.y() - fromY) * scale));
      }
      current = new FaceDetection(moved, points, detection.score());
      return current;
    }
  }

  /** Frames on which the detector ran (the others followed the faces found last). */
  public long detections() {
    return detections;
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
