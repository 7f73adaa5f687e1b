package org.sentio.affect.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sentio.affect.Emotion;
import org.sentio.runtime.DevicePreference;
import org.sentio.runtime.ModelRegistry;
import org.sentio.runtime.OnnxHost;

/** The whole face pipeline on the shipped models and the shared test images. */
class FaceAnalyzerTest {
  /** Where the astronaut's face is (OpenCV's Haar cascade agrees, STACK.md). */
  private static final FaceBox ASTRONAUT_FACE = new FaceBox(177, 67, 93, 93);

  private static OnnxHost host;
  private static ModelRegistry registry;
  private static FaceAnalyzer analyzer;
  private static TestImages.Frame astronaut;
  private static TestImages.Frame cat;

  @BeforeAll
  static void open() throws Exception {
    host = OnnxHost.start(DevicePreference.CPU, 0);
    registry = new ModelRegistry(TestImages.modelsDir(), "run scripts/convert-models.sh");
    analyzer = FaceAnalyzer.open(host, registry);
    astronaut = TestImages.readBgr(TestImages.face("astronaut.png"));
    cat = TestImages.readBgr(TestImages.face("chelsea.png"));
  }

  @AfterAll
  static void close() throws Exception {
    analyzer.close();
  }

  @Test
  void findsExactlyOneFaceOnTheAstronautCoveringHerFace() throws Exception {
    List<FaceObservation> faces = analyze(astronaut);
    assertThat(faces).hasSize(1);
    FaceObservation face = faces.get(0);
    assertThat(face.box().iou(ASTRONAUT_FACE)).as("IoU with %s", face.box()).isGreaterThan(0.6);
    assertThat(face.box().x()).isLessThan(ASTRONAUT_FACE.centerX());
    assertThat(face.box().x() + face.box().width()).isGreaterThan(ASTRONAUT_FACE.centerX());
    assertThat(face.detectionScore()).isGreaterThan(0.5);
    assertThat(face.keypoints()).hasSize(6);
    FacePoint nose = face.keypoints().get(FaceDetection.NOSE_TIP);
    assertThat(nose.x()).isBetween(ASTRONAUT_FACE.x(), ASTRONAUT_FACE.x() + ASTRONAUT_FACE.width());
    assertThat(nose.y())
        .isBetween(ASTRONAUT_FACE.y(), ASTRONAUT_FACE.y() + ASTRONAUT_FACE.height());
  }

  @Test
  void theAstronautSmiles() throws Exception {
    FaceObservation face = analyze(astronaut).get(0);
    assertThat(face.expression().top()).isEqualTo(Emotion.HAPPY);
    assertThat(face.valence()).isGreaterThan(0.5);
    assertThat(face.arousal()).isGreaterThan(0.2);
    assertThat(face.quality()).isBetween(0.5, 1.0);
    assertThat(face.toEstimate().confidence()).isEqualTo(face.quality());
  }

  @Test
  void findsNoFaceOnTheCat() throws Exception {
    assertThat(analyze(cat)).isEmpty();
  }

  @Test
  void theCatFoolsBlazeFaceAloneButNotTheMeshCheck() throws Exception {
    try (BlazeFaceDetector detector =
            new BlazeFaceDetector(
                host.open(registry, registry.find(BlazeFaceDetector.MODEL)),
                BlazeFaceDetector.Options.DEFAULT);
        FaceVerifier verifier =
            new FaceVerifier(host.open(registry, registry.find(FaceVerifier.MODEL)))) {
      FloatImage rgb = cat.rgb();
      List<FaceDetection> raw = detector.detect(rgb);
      assertThat(raw).isNotEmpty();
      for (double presence : verifier.presence(rgb, raw)) {
        assertThat(presence).isLessThan(0.1);
      }
      FloatImage person = astronaut.rgb();
      assertThat(verifier.presence(person, detector.detect(person)))
          .containsExactly(new double[] {1.0}, within(1e-3));
    }
  }

  @Test
  void keepsTheTrackIdAcrossFrames() throws Exception {
    int first = analyze(astronaut).get(0).trackId();
    analyze(cat);
    assertThat(analyze(astronaut).get(0).trackId()).isEqualTo(first);
  }

  @Test
  void refusesAFrameWhoseBufferDoesNotMatchItsSize() {
    assertThatThrownBy(() -> analyzer.analyze(10, 10, new byte[5]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("10x10 BGR frame needs 300 bytes");
  }

  private static List<FaceObservation> analyze(TestImages.Frame frame) throws Exception {
    return analyzer.analyze(frame.width(), frame.height(), frame.bgr());
  }
}
