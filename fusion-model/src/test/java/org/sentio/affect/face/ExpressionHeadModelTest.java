package org.sentio.affect.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.nio.ByteOrder;
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
import org.sentio.affect.convert.FaceHeadGraph;
import org.sentio.runtime.DevicePreference;
import org.sentio.runtime.InstalledModel;
import org.sentio.runtime.ModelManifest;
import org.sentio.runtime.ModelRegistry;
import org.sentio.runtime.ModelSession;
import org.sentio.runtime.OnnxHost;
import org.sentio.runtime.Tensor;

/**
 * The shipped {@code face-expression-head} model file on real faces (the astronaut of {@code
 * shared/testdata/faces} and one PublicTest face per class): its outputs have the shapes its
 * manifest declares, the embedding has {@value FaceHeadGraph#EMBEDDING_SIZE} values, and the
 * pipeline's classifier reads it.
 */
class ExpressionHeadModelTest {
  private static final String NAME = "face-expression-head";

  private static OnnxHost host;
  private static ModelRegistry registry;
  private static InstalledModel model;
  private static List<AlignedFace> faces;

  @BeforeAll
  static void open() throws Exception {
    host = OnnxHost.start(DevicePreference.CPU, 1);
    registry = new ModelRegistry(TestImages.modelsDir(), "retrain with ./sentio train face --head");
    model = registry.find(NAME);
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
  void outputsMatchTheDeclaredShapesAndEmbeddingSize() throws Exception {
    ModelManifest manifest = model.manifest();
    assertThat(manifest.outputs())
        .extracting(ModelManifest.Port::name)
        .containsExactly(FaceHeadGraph.PROBABILITIES, FaceHeadGraph.EMBEDDING);
    assertThat(manifest.outputs().get(1).shape())
        .containsExactly(-1L, (long) FaceHeadGraph.EMBEDDING_SIZE);
    assertThat(manifest.outputs().get(0).shape()).containsExactly(-1L, 7L);
    int n = faces.size();
    try (ModelSession session = host.open(registry, model)) {
      assertThat(session.outputShapes().get(FaceHeadGraph.EMBEDDING))
          .containsExactly(-1L, FaceHeadGraph.EMBEDDING_SIZE);
      Map<String, Tensor> feed = new LinkedHashMap<>();
      float[] grey = new float[n * 64 * 64];
      float[] rgb = new float[n * 112 * 112 * 3];
      for (int i = 0; i < n; i++) {
        System.arraycopy(
            FaceAligner.expressionInput(faces.get(i).grey(64)), 0, grey, i * 64 * 64, 64 * 64);
        System.arraycopy(faces.get(i).rgb(112).data(), 0, rgb, i * 112 * 112 * 3, 112 * 112 * 3);
      }
      feed.put("input_1", Tensor.ofFloats(new long[] {n, 64, 64, 1}, grey));
      feed.put("rgb", Tensor.ofFloats(new long[] {n, 112, 112, 3}, rgb));
      Map<String, Tensor> out = session.run(feed);
      assertThat(out.get(FaceHeadGraph.PROBABILITIES).shape()).containsExactly(n, 7);
      assertThat(out.get(FaceHeadGraph.EMBEDDING).shape())
          .containsExactly(n, FaceHeadGraph.EMBEDDING_SIZE);
      float[] p = out.get(FaceHeadGraph.PROBABILITIES).floats();
      for (int i = 0; i < n; i++) {
        double sum = 0;
        for (int k = 0; k < 7; k++) {
          sum += p[i * 7 + k];
        }
        assertThat(sum).isCloseTo(1.0, within(1e-4));
      }
      float[] e = out.get(FaceHeadGraph.EMBEDDING).floats();
      assertThat(e).isNotEqualTo(new float[e.length]);
    }
  }

  @Test
  void thePipelinesClassifierReadsItAndTheAstronautSmiles() throws Exception {
    try (ExpressionClassifier classifier = new ExpressionClassifier(host.open(registry, model))) {
      List<EmotionDistribution> out = classifier.classify(faces);
      assertThat(out).hasSize(faces.size());
      assertThat(out.get(faces.size() - 1).top()).isEqualTo(Emotion.HAPPY);
      assertThat(out.get(3).top()).as("the PublicTest happy face").isEqualTo(Emotion.HAPPY);
    }
  }

  /**
   * ADR 0059: the classifier reads the head's {@code embedding} with the probabilities, and the
   * face analysis carries it; a model without one (the no-flip ensemble) gives none.
   */
  @Test
  void theClassifierReadsTheEmbeddingWhereTheModelHasOne() throws Exception {
    try (ExpressionClassifier classifier = new ExpressionClassifier(host.open(registry, model))) {
      assertThat(classifier.hasEmbedding()).isTrue();
      List<ExpressionClassifier.Reading> readings = classifier.read(faces);
      assertThat(readings)
          .extracting(ExpressionClassifier.Reading::expression)
          .containsExactlyElementsOf(classifier.classify(faces));
      for (ExpressionClassifier.Reading reading : readings) {
        assertThat(reading.embedding().model()).isEqualTo(NAME);
        assertThat(reading.embedding().size()).isEqualTo(FaceHeadGraph.EMBEDDING_SIZE);
      }
      assertThat(readings.get(0).embedding()).isNotEqualTo(readings.get(1).embedding());
    }
    try (ExpressionClassifier classifier =
        new ExpressionClassifier(
            host.open(registry, registry.find(ExpressionClassifier.ENSEMBLE_NO_FLIP)))) {
      assertThat(classifier.hasEmbedding()).isFalse();
      assertThat(classifier.read(faces.subList(0, 1)).get(0).embedding()).isNull();
    }
  }

  @Test
  void theShippedFileIsWhatTheGraphBuilderMakesFromItsHeadOverTheShippedBackbones()
      throws Exception {
    ModelProto shipped = ModelProto.parseFrom(Files.readAllBytes(model.modelFile()));
    Map<String, float[]> head = new LinkedHashMap<>();
    for (TensorProto t : shipped.getGraph().getInitializerList()) {
      if (t.getName().startsWith("head/")) {
        float[] values = new float[t.getRawData().size() / 4];
        t.getRawData()
            .asReadOnlyByteBuffer()
            .order(ByteOrder.LITTLE_ENDIAN)
            .asFloatBuffer()
            .get(values);
        head.put(t.getName(), values);
      }
    }
    float[] empty = new float[0];
    FaceHeadGraph.Head trained =
        new FaceHeadGraph.Head(
            head.get("head/mean"),
            head.get("head/scale"),
            head.getOrDefault("head/b1", empty).length,
            head.getOrDefault("head/w1", empty),
            head.getOrDefault("head/b1", empty),
            head.get("head/w2"),
            head.get("head/b2"));
    ModelProto miniXception =
        ModelProto.parseFrom(
            Files.readAllBytes(registry.find(ExpressionClassifier.MODEL).modelFile()));
    ModelProto faceApi =
        ModelProto.parseFrom(
            Files.readAllBytes(registry.find(ExpressionClassifier.FACE_API).modelFile()));
    boolean flip = shipped.getGraph().getName().endsWith("_flip");
    assertThat(FaceHeadGraph.build(miniXception, faceApi, trained, flip).toByteArray())
        .as("the shipped head graph rebuilt from its own weights")
        .isEqualTo(Files.readAllBytes(model.modelFile()));
  }
}
