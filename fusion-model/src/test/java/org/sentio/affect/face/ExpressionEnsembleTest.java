package org.sentio.affect.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.affect.Emotion;
import org.sentio.affect.EmotionDistribution;
import org.sentio.runtime.DevicePreference;
import org.sentio.runtime.ModelException;
import org.sentio.runtime.ModelRegistry;
import org.sentio.runtime.OnnxHost;

/**
 * The shipped expression ensemble ({@code face-expression-ensemble}) against its two members run
 * separately, on real faces: FER-2013 PublicTest images (one per class) and the astronaut's face.
 */
class ExpressionEnsembleTest {
  private static OnnxHost host;
  private static ModelRegistry registry;
  private static ExpressionClassifier miniXception;
  private static ExpressionClassifier faceApi;
  private static ExpressionClassifier ensemble;
  private static List<FloatImage> pictures;

  @BeforeAll
  static void open() throws Exception {
    host = OnnxHost.start(DevicePreference.CPU, 0);
    registry = new ModelRegistry(TestImages.modelsDir(), "run scripts/convert-models.sh");
    miniXception = classifier(ExpressionClassifier.MODEL);
    faceApi = classifier(ExpressionClassifier.FACE_API);
    ensemble = classifier(ExpressionClassifier.ENSEMBLE);
    pictures = new ArrayList<>();
    Path publicTest = TestImages.sharedDir().resolve("data/faces_fer2013_publictest");
    for (String label :
        List.of("angry", "disgust", "fear", "happy", "sad", "surprise", "neutral")) {
      try (Stream<Path> files = Files.list(publicTest.resolve(label))) {
        pictures.add(TestImages.readBgr(files.sorted().findFirst().orElseThrow()).rgb());
      }
    }
    pictures.add(
        TestImages.readBgr(TestImages.face("astronaut.png"))
            .rgb()
            .rotatedCrop(177 + 46.5, 67 + 46.5, 93 * FaceAligner.MARGIN, 0, 112));
  }

  private static ExpressionClassifier classifier(String name) throws ModelException {
    return new ExpressionClassifier(host.open(registry, registry.find(name)));
  }

  @AfterAll
  static void close() throws Exception {
    for (ExpressionClassifier c : List.of(miniXception, faceApi, ensemble)) {
      c.close();
    }
  }

  @Test
  void ensembleIsTheMeanOfBothModelsOnTheFaceAndOnItsMirrorImage() throws Exception {
    List<AlignedFace> faces = pictures.stream().map(AlignedFace::whole).toList();
    List<AlignedFace> mirrored =
        pictures.stream().map(p -> AlignedFace.whole(p).mirrored()).toList();
    List<EmotionDistribution> together = ensemble.classify(faces);
    List<List<EmotionDistribution>> parts =
        List.of(
            miniXception.classify(faces),
            miniXception.classify(mirrored),
            faceApi.classify(faces),
            faceApi.classify(mirrored));
    for (int i = 0; i < faces.size(); i++) {
      for (Emotion e : Emotion.values()) {
        double mean = 0;
        for (List<EmotionDistribution> part : parts) {
          mean += part.get(i).get(e) / parts.size();
        }
        assertThat(together.get(i).get(e)).as("face %d, %s", i, e).isCloseTo(mean, within(1e-5));
      }
    }
  }

  @Test
  void flipAveragingGivesTheSameAnswerForAFaceAndItsMirrorImage() throws Exception {
    List<EmotionDistribution> faces =
        ensemble.classify(pictures.stream().map(AlignedFace::whole).toList());
    List<EmotionDistribution> mirrored =
        ensemble.classify(pictures.stream().map(p -> AlignedFace.whole(p).mirrored()).toList());
    for (int i = 0; i < faces.size(); i++) {
      for (Emotion e : Emotion.values()) {
        assertThat(mirrored.get(i).get(e))
            .as("face %d, %s", i, e)
            .isCloseTo(faces.get(i).get(e), within(1e-5));
      }
    }
    // A single model is not symmetric: the averaging is what makes the ensemble so.
    List<EmotionDistribution> single =
        faceApi.classify(pictures.stream().map(AlignedFace::whole).toList());
    List<EmotionDistribution> singleMirrored =
        faceApi.classify(pictures.stream().map(p -> AlignedFace.whole(p).mirrored()).toList());
    double largest = 0;
    for (int i = 0; i < single.size(); i++) {
      for (Emotion e : Emotion.values()) {
        largest = Math.max(largest, Math.abs(single.get(i).get(e) - singleMirrored.get(i).get(e)));
      }
    }
    assertThat(largest).isGreaterThan(1e-3);
  }

  @Test
  void theAstronautSmilesForEveryModel() throws Exception {
    AlignedFace astronaut = AlignedFace.whole(pictures.get(pictures.size() - 1));
    for (ExpressionClassifier c : List.of(miniXception, faceApi, ensemble)) {
      assertThat(c.classify(List.of(astronaut)).get(0).top()).isEqualTo(Emotion.HAPPY);
    }
  }

  @Test
  void refusesAnAlteredNewModelFileByItsSha256(@TempDir Path models) throws Exception {
    for (String name : List.of(ExpressionClassifier.FACE_API, ExpressionClassifier.ENSEMBLE)) {
      Path folder = models.resolve(name);
      copyFolder(TestImages.modelsDir().resolve(name), folder);
      assertThat(registry.verify(registry.find(name)).ok()).as("shipped %s", name).isTrue();
      byte[] bytes = Files.readAllBytes(folder.resolve("model.onnx"));
      bytes[bytes.length / 2] ^= 0x01;
      Files.write(folder.resolve("model.onnx"), bytes);
      ModelRegistry altered = new ModelRegistry(models, "restore it");
      assertThatThrownBy(() -> host.open(altered, altered.find(name)))
          .isInstanceOf(ModelException.class)
          .hasMessageContaining("checksum mismatch")
          .hasMessageContaining(name);
    }
  }

  private static void copyFolder(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path f : files.toList()) {
        Files.copy(f, to.resolve(f.getFileName()));
      }
    }
  }
}
