package org.sentio.affect.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sentio.affect.Emotion;
import org.sentio.affect.EmotionDistribution;
import org.sentio.affect.convert.ExpressionEnsembleToOnnx;
import org.sentio.affect.convert.FaceHeadGraph;
import org.sentio.affect.train.FaceBlend;
import org.sentio.affect.train.FaceHeadTraining;
import org.sentio.runtime.DevicePreference;
import org.sentio.runtime.InstalledModel;
import org.sentio.runtime.ModelRegistry;
import org.sentio.runtime.ModelSession;
import org.sentio.runtime.OnnxHost;
import org.sentio.runtime.Tensor;

/**
 * The shipped {@code face-expression-blend} (ADR 0058) on real faces (one PublicTest face per class
 * and the astronaut of {@code shared/testdata/faces}): its probabilities are 0.5 × the shipped
 * {@code face-expression-ensemble-noflip} + 0.5 × the shipped {@code face-expression-head} run as
 * their own files, its embedding is the head's, and the shipped file is what {@code train face
 * --blend} composes from the shipped models.
 */
class ExpressionBlendModelTest {
  private static OnnxHost host;
  private static ModelRegistry registry;
  private static List<AlignedFace> faces;

  @BeforeAll
  static void open() throws Exception {
    host = OnnxHost.start(DevicePreference.CPU, 1);
    registry =
        new ModelRegistry(TestImages.modelsDir(), "retrain with ./sentio train face --blend");
    faces = new ArrayList<>();
    Path publicTest = TestImages.sharedDir().resolve("data/faces_fer2013_publictest");
    for (String label :
        List.of("angry", "disgust", "fear", "happy", "sad", "surprise", "neutral")) {
      try (Stream<Path> files = Files.list(publicTest.resolve(label))) {
        faces.add(
            AlignedFace.whole(TestImages.readBgr(files.sorted().findFirst().orElseThrow()).rgb()));
      }
    }
    faces.add(
        AlignedFace.whole(
            TestImages.readBgr(TestImages.face("astronaut.png"))
                .rgb()
                .rotatedCrop(177 + 46.5, 67 + 46.5, 93 * FaceAligner.MARGIN, 0, 112)));
  }

  @Test
  void itsOutputIsHalfTheNoFlipEnsembleAndHalfTheHead() throws Exception {
    Map<String, Tensor> blend = run(ExpressionClassifier.BLEND);
    Map<String, Tensor> ensemble = run(ExpressionClassifier.ENSEMBLE_NO_FLIP);
    Map<String, Tensor> head = run(FaceHeadTraining.MODEL_NAME);
    List<String> ensembleClasses =
        registry.find(ExpressionClassifier.ENSEMBLE_NO_FLIP).manifest().classes();
    List<String> blendClasses = registry.find(ExpressionClassifier.BLEND).manifest().classes();
    assertThat(ensembleClasses).isEqualTo(ExpressionEnsembleToOnnx.MINI_XCEPTION_CLASSES);
    assertThat(blendClasses)
        .isEqualTo(FaceHeadGraph.CLASSES)
        .isEqualTo(registry.find(FaceHeadTraining.MODEL_NAME).manifest().classes());

    float[] b = blend.get(FaceHeadGraph.PROBABILITIES).floats();
    float[] e = ensemble.get("Identity").floats();
    float[] h = head.get(FaceHeadGraph.PROBABILITIES).floats();
    int n = faces.size();
    assertThat(b).hasSize(n * 7);
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < 7; k++) {
        float expected =
            0.5f * e[i * 7 + ensembleClasses.indexOf(blendClasses.get(k))] + 0.5f * h[i * 7 + k];
        assertThat(b[i * 7 + k])
            .as("face %d, %s", i, blendClasses.get(k))
            .isCloseTo(expected, within(1e-5f));
      }
    }
    float[] blendEmbedding = blend.get(FaceHeadGraph.EMBEDDING).floats();
    float[] headEmbedding = head.get(FaceHeadGraph.EMBEDDING).floats();
    assertThat(blendEmbedding).hasSize(n * FaceHeadGraph.EMBEDDING_SIZE);
    for (int i = 0; i < blendEmbedding.length; i++) {
      assertThat(blendEmbedding[i]).isCloseTo(headEmbedding[i], within(1e-4f));
    }
  }

  @Test
  void thePipelinesClassifierReadsItAndTheAstronautSmiles() throws Exception {
    try (ExpressionClassifier classifier =
        new ExpressionClassifier(host.open(registry, registry.find(ExpressionClassifier.BLEND)))) {
      List<EmotionDistribution> out = classifier.classify(faces);
      assertThat(out).hasSize(faces.size());
      assertThat(out.get(faces.size() - 1).top()).isEqualTo(Emotion.HAPPY);
      assertThat(out.get(3).top()).as("the PublicTest happy face").isEqualTo(Emotion.HAPPY);
    }
  }

  @Test
  void theShippedFileIsWhatTrainFaceBlendComposesFromTheShippedModels() throws Exception {
    InstalledModel shipped = registry.find(ExpressionClassifier.BLEND);
    registry.requireVerified(shipped);
    byte[] composed =
        FaceBlend.graph(
                FaceHeadTraining.Backbones.read(registry),
                registry.find(FaceHeadTraining.MODEL_NAME))
            .toByteArray();
    assertThat(composed)
        .as("face-expression-blend rebuilt from the shipped backbones and head")
        .isEqualTo(Files.readAllBytes(shipped.modelFile()));
  }

  private static Map<String, Tensor> run(String name) throws Exception {
    int n = faces.size();
    float[] grey = new float[n * 64 * 64];
    float[] rgb = new float[n * 112 * 112 * 3];
    for (int i = 0; i < n; i++) {
      System.arraycopy(
          FaceAligner.expressionInput(faces.get(i).grey(64)), 0, grey, i * 64 * 64, 64 * 64);
      System.arraycopy(faces.get(i).rgb(112).data(), 0, rgb, i * 112 * 112 * 3, 112 * 112 * 3);
    }
    Map<String, Tensor> feed = new LinkedHashMap<>();
    feed.put("input_1", Tensor.ofFloats(new long[] {n, 64, 64, 1}, grey));
    feed.put("rgb", Tensor.ofFloats(new long[] {n, 112, 112, 3}, rgb));
    try (ModelSession session = host.open(registry, registry.find(name))) {
      return session.run(feed);
    }
  }
}
